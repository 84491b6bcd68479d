import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { embedLocally } from './local-embeddings.ts'

export type FakeOpenAI = {
  /** Base URL to give the SDK (ends in /v1, as OpenAI's does). */
  url: string
  /** Every POST /v1/embeddings received, failed ones included. */
  requests: { model: string; input: string[]; encoding_format?: string; dimensions?: number }[]
  /** Answer the next `count` requests with this HTTP error (429 rate limit, 500…); Infinity = until told otherwise. */
  fail(count: number, status: number): void
  /** Wait this long before answering each request. */
  delay(ms: number): void
  /** The models it serves (name → vector size); others get a 404 as Ollama answers an unpulled model. */
  models: Map<string, number>
  /** Answer more inputs than this with TEI's 413 "batch size … > maximum allowed batch size …". */
  batchLimit(limit: number): void
  /** 'float' honours encoding_format; 'base64' answers base64 float32 whatever was asked. */
  encoding(mode: 'float' | 'base64'): void
  close(): Promise<void>
}

export type FakeOpenAIOptions = {
  apiKey?: string
  /**
   * Models besides OpenAI's text-embedding-3-* (1536, and the `dimensions` parameter). These
   * behave like Ollama's, vLLM's or TEI's: a fixed size, and a 400 when `dimensions` is sent.
   */
  models?: Record<string, number>
}

/**
 * The fake's vectors: the local provider's lexical features folded into `size` slots and
 * normalised, so a smaller model really is a coarser one (more features share a slot).
 */
export function fakeEmbedding(text: string, size: number): number[] {
  const full = embedLocally(text)
  if (size >= full.length) return full
  const folded = new Array<number>(size).fill(0)
  for (const [i, value] of full.entries()) folded[i % size]! += value
  const norm = Math.sqrt(folded.reduce((sum, value) => sum + value * value, 0)) || 1
  return folded.map((value) => value / norm)
}

const toBase64 = (vector: number[]) => Buffer.from(new Float32Array(vector).buffer).toString('base64')

const invalid = (message: string, param: string | null = null) => ({
  error: { message, type: 'invalid_request_error', param, code: null },
})

const OPENAI_SIZES = { 'text-embedding-3-small': 1536, 'text-embedding-3-large': 3072 }

const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request.' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
}

/**
 * A small stand-in for OpenAI's embeddings endpoint on 127.0.0.1: same request and response
 * shapes, bearer auth, 429/5xx errors in OpenAI's error format, and deterministic vectors.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export async function startFakeOpenAI({
  apiKey = 'sk-test-key',
  models = {},
}: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: FakeOpenAI['requests'] = []
  const served = new Map<string, number>([...Object.entries(OPENAI_SIZES), ...Object.entries(models)])
  let failures = { count: 0, status: 500 }
  let delayMs = 0
  let maxInputs = 2048
  let encodingMode: 'float' | 'base64' = 'float'

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (req.method !== 'POST' || req.url !== '/v1/embeddings')
      return send(res, 404, { error: { message: 'Not found', type: 'invalid_request_error', param: null, code: null } })
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(res, 401, {
        error: {
          message: 'Incorrect API key provided',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      })
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    const input: string[] = Array.isArray(body.input) ? body.input : [body.input]
    requests.push({ model: body.model, input, encoding_format: body.encoding_format, dimensions: body.dimensions })
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
    if (failures.count > 0) {
      failures.count--
      const error = ERROR_TYPES[failures.status] ?? ERROR_TYPES[500]!
      return send(
        res,
        failures.status,
        { error: { ...error, param: null } },
        failures.status === 429 ? { 'retry-after-ms': '20' } : {},
      )
    }
    if (input.length > 2048) return send(res, 400, invalid("'input' must have at most 2048 items", 'input'))
    const size = served.get(body.model)
    if (size === undefined) {
      return send(res, 404, {
        error: { message: `model "${body.model}" not found, try pulling it first`, type: 'api_error', param: null },
      })
    }
    const openai = body.model in OPENAI_SIZES
    if (body.dimensions !== undefined && !openai) {
      return send(
        res,
        400,
        invalid(
          `Model "${body.model}" does not support matryoshka representation, ` +
            'changing output dimensions will lead to poor results.',
          'dimensions',
        ),
      )
    }
    if (input.length > maxInputs) {
      return send(res, 413, {
        error: `batch size ${input.length} > maximum allowed batch size ${maxInputs}`,
        error_type: 'Validation',
      })
    }
    const width = openai && body.dimensions ? Math.min(body.dimensions, size) : size
    const base64 = encodingMode === 'base64' || body.encoding_format === 'base64'
    const tokens = input.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0)
    send(res, 200, {
      object: 'list',
      data: input.map((text, index) => {
        const vector = fakeEmbedding(text, width)
        return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector }
      }),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    fail: (count, status) => {
      failures = { count, status }
    },
    delay: (ms) => {
      delayMs = ms
    },
    models: served,
    batchLimit: (limit) => {
      maxInputs = limit
    },
    encoding: (mode) => {
      encodingMode = mode
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

import OpenAI from 'openai'
import type { EmbeddingProvider, EmbeddingRequestObserver } from './embeddings.types.ts'

export type OpenAIEmbeddingsOptions = {
  apiKey: string
  /** Any OpenAI-compatible server (Ollama, vLLM, TEI, LM Studio, Azure); undefined = OpenAI's. */
  baseURL?: string
  model: string
  /** EMBEDDING_DIMENSIONS: sent only to models that take the parameter (see `acceptsDimensions`). */
  dimensions?: number
  /** Inputs per request to start with; halved (and remembered) when the server says it is too many. */
  maxBatchSize?: number
  timeoutMs?: number
  maxRetries?: number
  /** Told the outcome of every request to the provider (after the SDK's retries): the metrics. */
  onRequest?: EmbeddingRequestObserver
}

/** The API's limit on inputs per request. @see https://platform.openai.com/docs/api-reference/embeddings/create */
export const OPENAI_MAX_BATCH = 2048

/**
 * OpenAI's text-embedding-3 models can shorten their vectors; other servers reject the parameter
 * (vLLM for non-Matryoshka models) or ignore it, so it is never sent to them.
 */
export const acceptsDimensions = (model: string) => model.startsWith('text-embedding-3')

/** text-embedding-3 vectors were always shortened to 1536 here: keeping that keeps stored vectors valid. */
const LEGACY_DIMENSIONS = 1536

/**
 * The identity stored with each vector: the model, plus the dimension when it was asked for one
 * other than the legacy 1536 (the same model at two sizes is two vector spaces).
 */
export function embeddingModelId(model: string, dimensions?: number): string {
  if (!acceptsDimensions(model)) return model
  const size = dimensions ?? LEGACY_DIMENSIONS
  return size === LEGACY_DIMENSIONS ? model : `${model}@${size}`
}

/** Servers that answer base64 (float32, little-endian) whatever was asked, or because it was. */
function decodeEmbedding(embedding: number[] | string): number[] {
  if (typeof embedding !== 'string') return embedding
  const bytes = Buffer.from(embedding, 'base64')
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
  return Array.from(floats)
}

/**
 * A rejection because the request carried too many inputs: TEI answers 413 ("batch size 64 >
 * maximum allowed batch size 32"), others 400 naming the limit. The batch is then split.
 */
function isBatchTooLarge(error: unknown): boolean {
  if (!(error instanceof OpenAI.APIError)) return false
  if (error.status === 413) return true
  return error.status === 400 && /batch|too many|at most|maximum/i.test(error.message)
}

/**
 * Embeddings through the official SDK, which retries 408/409/429/5xx and connection errors with
 * exponential backoff (honouring Retry-After) and enforces the timeout. Batches the server finds
 * too large are halved until it accepts them; the size that worked is used from then on.
 */
export function createOpenAIEmbeddings({
  apiKey,
  baseURL,
  model,
  dimensions,
  maxBatchSize = OPENAI_MAX_BATCH,
  timeoutMs = 30_000,
  maxRetries = 3,
  onRequest = () => {},
}: OpenAIEmbeddingsOptions): EmbeddingProvider {
  const client = new OpenAI({ apiKey, baseURL, timeout: timeoutMs, maxRetries })
  const size = acceptsDimensions(model) ? { dimensions: dimensions ?? LEGACY_DIMENSIONS } : {}
  let batchSize = Math.max(1, Math.min(maxBatchSize, OPENAI_MAX_BATCH))

  async function request(input: string[], options: Parameters<EmbeddingProvider['embed']>[1] = {}) {
    let response: OpenAI.CreateEmbeddingResponse
    try {
      response = await client.embeddings.create(
        { model, input, encoding_format: 'float', ...size },
        { signal: options.signal, ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }) },
      )
    } catch (error) {
      onRequest(options.signal?.aborted ? 'aborted' : 'error')
      throw error
    }
    onRequest('ok')
    const ordered = [...response.data].sort((a, b) => a.index - b.index)
    if (ordered.length !== input.length)
      throw new Error(`embeddings: asked for ${input.length} vectors, got ${ordered.length}`)
    const vectors = ordered.map(({ embedding }) => decodeEmbedding(embedding as number[] | string))
    const width = vectors[0]?.length ?? 0
    if (width === 0 || vectors.some((vector) => vector.length !== width))
      throw new Error(`embeddings: model ${model} returned vectors of differing or zero dimensions`)
    return vectors
  }

  return {
    model: embeddingModelId(model, dimensions),
    get maxBatchSize() {
      return batchSize
    },
    async embed(texts, options = {}) {
      const vectors: number[][] = []
      let start = 0
      while (start < texts.length) {
        const input = texts.slice(start, start + batchSize)
        try {
          vectors.push(...(await request(input, options)))
          start += input.length
        } catch (error) {
          if (input.length === 1 || !isBatchTooLarge(error)) throw error
          batchSize = Math.max(1, Math.floor(input.length / 2))
        }
      }
      return vectors
    },
  }
}

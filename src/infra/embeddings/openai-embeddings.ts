import OpenAI from 'openai'
import { EMBEDDING_DIMENSIONS, type EmbeddingProvider, type EmbeddingRequestObserver } from './embeddings.types.ts'

export type OpenAIEmbeddingsOptions = {
  apiKey: string
  /** Any OpenAI-compatible server; undefined = OpenAI's. */
  baseURL?: string
  model: string
  timeoutMs?: number
  maxRetries?: number
  /** Told the outcome of every request to the provider (after the SDK's retries): the metrics. */
  onRequest?: EmbeddingRequestObserver
}

/** The API's limit on inputs per request. @see https://platform.openai.com/docs/api-reference/embeddings/create */
export const OPENAI_MAX_BATCH = 2048

/**
 * Embeddings through the official SDK, which retries 408/409/429/5xx and connection errors with
 * exponential backoff (honouring Retry-After) and enforces the timeout.
 */
export function createOpenAIEmbeddings({
  apiKey,
  baseURL,
  model,
  timeoutMs = 20_000,
  maxRetries = 3,
  onRequest = () => {},
}: OpenAIEmbeddingsOptions): EmbeddingProvider {
  const client = new OpenAI({ apiKey, baseURL, timeout: timeoutMs, maxRetries })
  // text-embedding-3 models can shorten their vectors; the column holds EMBEDDING_DIMENSIONS.
  const dimensions = model.startsWith('text-embedding-3') ? { dimensions: EMBEDDING_DIMENSIONS } : {}
  return {
    model,
    maxBatchSize: OPENAI_MAX_BATCH,
    async embed(texts, options = {}) {
      const vectors: number[][] = []
      for (let start = 0; start < texts.length; start += OPENAI_MAX_BATCH) {
        const input = texts.slice(start, start + OPENAI_MAX_BATCH)
        let response: OpenAI.CreateEmbeddingResponse
        try {
          response = await client.embeddings.create(
            { model, input, encoding_format: 'float', ...dimensions },
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
        for (const { embedding } of ordered) {
          if (embedding.length !== EMBEDDING_DIMENSIONS) {
            throw new Error(
              `embeddings: model ${model} returned ${embedding.length} dimensions, ` +
                `the index holds ${EMBEDDING_DIMENSIONS}`,
            )
          }
          vectors.push(embedding)
        }
      }
      return vectors
    },
  }
}

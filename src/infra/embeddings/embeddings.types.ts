import { EMBEDDING_DIMENSIONS } from '../db/schema.ts'

export { EMBEDDING_DIMENSIONS }

export type EmbedOptions = {
  /** Aborts the request (e.g. a caller's question must not wait for a slow provider). */
  signal?: AbortSignal
  /** Overrides the provider's retry count: a question is better answered lexically than late. */
  maxRetries?: number
}

/**
 * Turns texts into vectors of EMBEDDING_DIMENSIONS numbers. Every provider fills the same column,
 * so each vector is stored with `model`; vectors of different models are never compared.
 */
export type EmbeddingProvider = {
  /** Identifies the vector space; a change of model re-embeds every document. */
  model: string
  /** How many texts one `embed` call may carry (one request to the provider). */
  maxBatchSize: number
  embed(texts: string[], options?: EmbedOptions): Promise<number[][]>
}

/** Called once per request to the provider with how it ended ('aborted': the caller gave up waiting). */
export type EmbeddingRequestObserver = (outcome: 'ok' | 'error' | 'aborted') => void

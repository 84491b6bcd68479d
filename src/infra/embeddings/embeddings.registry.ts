import type { Config } from '../../config.ts'
import type { EmbeddingProvider, EmbeddingRequestObserver } from './embeddings.types.ts'
import { createLocalEmbeddings, LOCAL_EMBEDDING_MODEL } from './local-embeddings.ts'
import { createOpenAIEmbeddings } from './openai-embeddings.ts'

export type EmbeddingConfig = Pick<
  Config,
  | 'embeddingProvider'
  | 'openaiApiKey'
  | 'openaiBaseUrl'
  | 'embeddingModel'
  | 'embeddingDimensions'
  | 'embeddingBatchSize'
  | 'embeddingTimeoutSeconds'
>

/** Servers on the caller's own machine take any key; the SDK insists on one. */
const NO_KEY = 'no-key'

function openai(
  config: EmbeddingConfig,
  model: string,
  dimensions: number | undefined,
  onRequest?: EmbeddingRequestObserver,
) {
  return createOpenAIEmbeddings({
    apiKey: config.openaiApiKey ?? NO_KEY,
    baseURL: config.openaiBaseUrl,
    model,
    dimensions,
    maxBatchSize: config.embeddingBatchSize,
    timeoutMs: config.embeddingTimeoutSeconds * 1000,
    onRequest,
  })
}

/** The provider the configuration asks for (EMBEDDING_PROVIDER; `local` needs nothing). */
export function createEmbeddingProvider(
  config: EmbeddingConfig,
  { onRequest }: { onRequest?: EmbeddingRequestObserver } = {},
): EmbeddingProvider {
  if (config.embeddingProvider === 'openai') {
    return openai(config, config.embeddingModel, config.embeddingDimensions, onRequest)
  }
  return createLocalEmbeddings({ onRequest })
}

/**
 * A provider for the model stored vectors were made with (a model id as `EmbeddingProvider.model`
 * gives it), to embed questions while a restaurant still searches that model's vectors during a
 * switch. Undefined when this configuration cannot reach it: an older version of the local
 * features, or a server model with no server configured. It may still fail at run time (the
 * server no longer has the model); searches then answer lexically.
 */
export function providerForModel(
  config: EmbeddingConfig,
  modelId: string,
  { onRequest }: { onRequest?: EmbeddingRequestObserver } = {},
): EmbeddingProvider | undefined {
  if (modelId === LOCAL_EMBEDDING_MODEL) return createLocalEmbeddings({ onRequest })
  if (modelId.startsWith('local-')) return undefined
  if (!config.openaiApiKey && !config.openaiBaseUrl) return undefined
  const [, model = modelId, size] = /^(.*)@(\d+)$/.exec(modelId) ?? []
  return openai(config, model, size ? Number(size) : undefined, onRequest)
}

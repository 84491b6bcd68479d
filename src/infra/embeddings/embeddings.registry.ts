import type { Config } from '../../config.ts'
import type { EmbeddingProvider, EmbeddingRequestObserver } from './embeddings.types.ts'
import { createLocalEmbeddings } from './local-embeddings.ts'
import { createOpenAIEmbeddings } from './openai-embeddings.ts'

/** The provider the configuration asks for (EMBEDDING_PROVIDER; `local` needs nothing). */
export function createEmbeddingProvider(
  config: Pick<Config, 'embeddingProvider' | 'openaiApiKey' | 'openaiBaseUrl' | 'embeddingModel'>,
  { onRequest }: { onRequest?: EmbeddingRequestObserver } = {},
): EmbeddingProvider {
  if (config.embeddingProvider === 'openai') {
    return createOpenAIEmbeddings({
      apiKey: config.openaiApiKey!,
      baseURL: config.openaiBaseUrl,
      model: config.embeddingModel,
      onRequest,
    })
  }
  return createLocalEmbeddings({ onRequest })
}

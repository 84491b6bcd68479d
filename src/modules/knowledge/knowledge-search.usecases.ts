import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { EmbeddingProvider } from '../../infra/embeddings/embeddings.types.ts'
import { lexicon, termsOf } from '../../infra/embeddings/food-lexicon.ts'
import { fold, STOPWORDS, words } from '../../infra/embeddings/text-analysis.ts'
import type { Clock } from '../../shared/events.ts'
import { createLru } from '../../shared/lru.ts'
import { type StageTimings, timed } from '../../shared/stages.ts'
import { createIndexModelsRepository } from './index-models.repository.ts'
import { type SearchRow, searchDocuments } from './knowledge.repository.ts'
import type { KnowledgeCategory } from './knowledge-documents.models.ts'
import type { ProviderForModel } from './knowledge-index.usecases.ts'

export type SearchMode = 'hybrid' | 'lexical'
export type SearchResult = { mode: SearchMode; rows: SearchRow[]; model: string }
export type SearchLogger = { warn(object: Record<string, unknown>, message: string): void }

/** Full-text query: the question's words OR-ed, widened with synonyms and kinds from the lexicon. */
export function fullTextQuery(query: string): string {
  const found = new Set<string>()
  for (const term of termsOf(query)) {
    if (STOPWORDS.has(term.text)) continue
    for (const related of [term.key, ...lexicon.synonyms(term.key), ...lexicon.kinds(term.key)]) {
      for (const word of related.split(' ')) if (word.length > 1) found.add(word)
    }
    for (const word of words(term.text)) found.add(word)
  }
  return [...found].slice(0, 200).join(' | ')
}

/**
 * Hybrid search inside one restaurant. The question's embedding comes from a small LRU shared
 * by all restaurants (callers ask the same things); when the provider fails or takes longer
 * than `questionTimeoutMs` the search runs on its lexical signals alone, and after a timeout
 * the provider is left alone for `cooldownMs` so that callers do not each wait for it.
 *
 * Each restaurant is searched with the vectors of its active model: during a change of model
 * that is still the previous one until all its documents have the new model's vectors, and the
 * question is embedded with that model too (lexical alone when it is out of reach).
 */
export function createKnowledgeSearch({
  database,
  embeddings,
  providerFor = () => undefined,
  clock,
  logger,
  activeModelTtlMs = 2_000,
  questionTimeoutMs = 1_000,
  cooldownMs = 15_000,
  cacheSize = 2_000,
}: {
  database: DatabaseHandle
  embeddings: EmbeddingProvider
  providerFor?: ProviderForModel
  clock: Clock
  logger?: SearchLogger
  /** How long a restaurant's active model is remembered; only matters while a switch runs. */
  activeModelTtlMs?: number
  questionTimeoutMs?: number
  cooldownMs?: number
  cacheSize?: number
}) {
  const questionVectors = createLru<string, number[]>(cacheSize)
  const resumeAt = new Map<string, number>()
  const providers = new Map<string, EmbeddingProvider | undefined>([[embeddings.model, embeddings]])
  const activeModels = new Map<string, { model: string; until: number }>()
  /** Set once no restaurant holds another model's vectors: searches then skip the look-up. */
  let settled = false

  const provider = (model: string) => {
    if (!providers.has(model)) providers.set(model, providerFor(model))
    return providers.get(model)
  }

  async function activeModel(restaurantId: string): Promise<string> {
    if (settled) return embeddings.model
    const now = clock.now().getTime()
    const known = activeModels.get(restaurantId)
    if (known && known.until > now) return known.model
    const model = await database.withTenant(restaurantId, (tx) =>
      createIndexModelsRepository({ db: tx }).activeModel({ restaurantId, current: embeddings.model }),
    )
    activeModels.set(restaurantId, { model, until: now + activeModelTtlMs })
    return model
  }

  async function embedQuestion(query: string, model = embeddings.model): Promise<number[] | null> {
    const cacheKey = `${model}\u0000${fold(query).replace(/\s+/g, ' ').trim()}`
    const cached = questionVectors.get(cacheKey)
    if (cached) return cached
    const embedder = provider(model)
    if (!embedder || clock.now().getTime() < (resumeAt.get(model) ?? 0)) return null
    const controller = new AbortController()
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort()
        reject(new Error(`no embedding within ${questionTimeoutMs} ms`))
      }, questionTimeoutMs)
    })
    try {
      const [vector] = await Promise.race([
        embedder.embed([query], { signal: controller.signal, maxRetries: 0 }),
        deadline,
      ])
      questionVectors.set(cacheKey, vector!)
      return vector!
    } catch (error) {
      // Slow, or a previous model out of reach: left alone for a while, so callers do not each wait for it.
      if (controller.signal.aborted || model !== embeddings.model)
        resumeAt.set(model, clock.now().getTime() + cooldownMs)
      logger?.warn({ err: error, model }, 'question embedding failed; answering from lexical search')
      return null
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    /** The question's vector (cached), or null while the provider is failing. */
    embedQuestion,
    /** The model whose vectors the restaurant's searches use now. */
    activeModel,
    /** Told by the model switch: every restaurant is on the current model (or is no longer). */
    setSettled(value: boolean) {
      settled = value
      if (!value) activeModels.clear()
    },
    /** Told by the model switch when it swapped a restaurant's vectors. */
    forgetActiveModel(restaurantId: string) {
      activeModels.delete(restaurantId)
    },
    async search({
      restaurantId,
      category,
      query,
      limit = 50,
      stages,
    }: {
      restaurantId: string
      category: KnowledgeCategory
      query: string
      limit?: number
      /** Receives the time spent embedding the question and searching. */
      stages?: StageTimings
    }): Promise<SearchResult> {
      const model = await activeModel(restaurantId)
      const vector = await timed(stages, 'embed', () => embedQuestion(query, model))
      const { rows } = await timed(stages, 'search', () =>
        searchDocuments(database, {
          restaurantId,
          category,
          vector,
          model,
          text: fold(query),
          tsQuery: fullTextQuery(query),
          limit,
        }),
      )
      return { mode: vector ? 'hybrid' : 'lexical', rows, model }
    },
  }
}
export type KnowledgeSearch = ReturnType<typeof createKnowledgeSearch>

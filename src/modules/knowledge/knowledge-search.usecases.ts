import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { EmbeddingProvider } from '../../infra/embeddings/embeddings.types.ts'
import { lexicon, termsOf } from '../../infra/embeddings/food-lexicon.ts'
import { fold, STOPWORDS, words } from '../../infra/embeddings/text-analysis.ts'
import type { Clock } from '../../shared/events.ts'
import { createLru } from '../../shared/lru.ts'
import { type StageTimings, timed } from '../../shared/stages.ts'
import { createKnowledgeRepository, type SearchRow } from './knowledge.repository.ts'
import type { KnowledgeCategory } from './knowledge-documents.models.ts'

export type SearchMode = 'hybrid' | 'lexical'
export type SearchResult = { mode: SearchMode; rows: SearchRow[] }
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
 */
export function createKnowledgeSearch({
  database,
  embeddings,
  clock,
  logger,
  questionTimeoutMs = 1_000,
  cooldownMs = 15_000,
  cacheSize = 2_000,
}: {
  database: DatabaseHandle
  embeddings: EmbeddingProvider
  clock: Clock
  logger?: SearchLogger
  questionTimeoutMs?: number
  cooldownMs?: number
  cacheSize?: number
}) {
  const questionVectors = createLru<string, number[]>(cacheSize)
  let resumeAt = 0

  async function embedQuestion(query: string): Promise<number[] | null> {
    const cacheKey = `${embeddings.model}\u0000${fold(query).replace(/\s+/g, ' ').trim()}`
    const cached = questionVectors.get(cacheKey)
    if (cached) return cached
    if (clock.now().getTime() < resumeAt) return null
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
        embeddings.embed([query], { signal: controller.signal, maxRetries: 0 }),
        deadline,
      ])
      questionVectors.set(cacheKey, vector!)
      return vector!
    } catch (error) {
      if (controller.signal.aborted) resumeAt = clock.now().getTime() + cooldownMs
      logger?.warn({ err: error, model: embeddings.model }, 'question embedding failed; answering from lexical search')
      return null
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    /** The question's vector (cached), or null while the provider is failing. */
    embedQuestion,
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
      const vector = await timed(stages, 'embed', () => embedQuestion(query))
      const { rows } = await timed(stages, 'search', () =>
        database.withTenant(restaurantId, (tx) =>
          createKnowledgeRepository({ db: tx }).searchDocuments({
            restaurantId,
            category,
            vector,
            model: embeddings.model,
            text: fold(query),
            tsQuery: fullTextQuery(query),
            limit,
          }),
        ),
      )
      return { mode: vector ? 'hybrid' : 'lexical', rows }
    },
  }
}
export type KnowledgeSearch = ReturnType<typeof createKnowledgeSearch>

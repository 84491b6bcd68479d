import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import type { EmbeddingProvider } from '../../infra/embeddings/embeddings.types.ts'
import type { Clock, RestaurantDataChange } from '../../shared/events.ts'
import { KNOWLEDGE_CATEGORIES, type KnowledgeCategory } from './knowledge-documents.models.ts'
import { type IndexLogger, indexRestaurant, type ProviderForModel, writeDocuments } from './knowledge-index.usecases.ts'
import { createKnowledgeSearch } from './knowledge-search.usecases.ts'
import { type SwitchLogger, switchModel } from './model-switch.usecases.ts'

export type KnowledgeLogger = IndexLogger &
  SwitchLogger & { error(object: Record<string, unknown>, message: string): void }

/** The knowledge base of every restaurant: keeps the index in line with the data, and searches it. */
export function createKnowledge({
  database,
  embeddings,
  providerFor,
  clock,
  logger,
}: {
  database: DatabaseHandle
  embeddings: EmbeddingProvider
  /** Reaches the models stored vectors were made with, to search them during a change of model. */
  providerFor?: ProviderForModel
  clock: Clock
  logger?: KnowledgeLogger
}) {
  const searcher = createKnowledgeSearch({ database, embeddings, providerFor, clock, logger })
  const index = (input: {
    restaurantId: string
    categories?: KnowledgeCategory[]
    force?: boolean
    strict?: boolean
    align?: boolean
  }) =>
    indexRestaurant(
      { database, embeddings, providerFor, logger },
      { ...input, categories: input.categories ?? [...KNOWLEDGE_CATEGORIES] },
    )

  /**
   * Run at start, in the background: embeds what is missing (the provider was down, or the
   * process died between a commit and its indexing run) and, after a change of
   * EMBEDDING_MODEL, moves every restaurant onto the new model blue-green (see switchModel).
   */
  async function runModelSwitch({ signal, retryMs }: { signal?: AbortSignal; retryMs?: number } = {}) {
    searcher.setSettled(false)
    const report = await switchModel(
      {
        database,
        embeddings,
        logger,
        index: (restaurantId) => index({ restaurantId }),
        onRestaurantSwitched: (restaurantId) => searcher.forgetActiveModel(restaurantId),
      },
      { signal, retryMs },
    )
    if (!signal?.aborted) searcher.setSettled(true)
    return report
  }

  return {
    embeddings,
    index,
    search: searcher.search,
    embedQuestion: searcher.embedQuestion,
    /**
     * Listener for restaurantEvents.onChanging: documents follow the rows in the writer's transaction
     * (no vectors yet).
     */
    async onRestaurantChanging(tx: Database, change: RestaurantDataChange) {
      const categories = KNOWLEDGE_CATEGORIES.filter((category) => change.categories.includes(category))
      if (change.deleted || categories.length === 0) return
      await writeDocuments(tx, { restaurantId: change.restaurantId, categories, model: embeddings.model })
    },

    switchModel: runModelSwitch,

    /** switchModel in the background; `stop` ends it at the next batch (before the database closes). */
    startModelSwitch({ retryMs }: { retryMs?: number } = {}) {
      const controller = new AbortController()
      const done = runModelSwitch({ signal: controller.signal, retryMs }).catch((error) => {
        logger?.error({ err: error }, 'embedding model change stopped; it resumes at the next start')
        return undefined
      })
      return {
        done,
        async stop() {
          controller.abort()
          await done
        },
      }
    },

    /**
     * Listener for restaurantEvents.onChanged: embeds what a committed change left without a
     * vector, before the API responds (its documents were aligned in the writer's transaction).
     * It never fails the change: the data is saved already, and an index error is logged and
     * repaired by the next change or POST /api/embeddings/generate.
     */
    async onRestaurantChanged(change: RestaurantDataChange) {
      if (change.deleted) return // documents go with the restaurant (ON DELETE CASCADE)
      const categories = KNOWLEDGE_CATEGORIES.filter((category) => change.categories.includes(category))
      if (categories.length === 0) return
      try {
        await index({ restaurantId: change.restaurantId, categories, align: false })
      } catch (error) {
        logger?.error(
          { err: error, restaurantId: change.restaurantId, categories },
          'indexing failed; the next change or POST /api/embeddings/generate retries',
        )
      }
    },
  }
}
export type Knowledge = ReturnType<typeof createKnowledge>

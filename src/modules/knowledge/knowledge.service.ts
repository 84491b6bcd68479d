import { sql } from 'drizzle-orm'
import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import type { EmbeddingProvider } from '../../infra/embeddings/embeddings.types.ts'
import type { Clock, RestaurantDataChange } from '../../shared/events.ts'
import { KNOWLEDGE_CATEGORIES, type KnowledgeCategory } from './knowledge-documents.models.ts'
import { type IndexLogger, indexRestaurant, writeDocuments } from './knowledge-index.usecases.ts'
import { createKnowledgeSearch } from './knowledge-search.usecases.ts'

export type KnowledgeLogger = IndexLogger & { error(object: Record<string, unknown>, message: string): void }

/** The knowledge base of every restaurant: keeps the index in line with the data, and searches it. */
export function createKnowledge({
  database,
  embeddings,
  clock,
  logger,
}: {
  database: DatabaseHandle
  embeddings: EmbeddingProvider
  clock: Clock
  logger?: KnowledgeLogger
}) {
  const searcher = createKnowledgeSearch({ database, embeddings, clock, logger })
  const index = (input: {
    restaurantId: string
    categories?: KnowledgeCategory[]
    force?: boolean
    strict?: boolean
    align?: boolean
  }) =>
    indexRestaurant(
      { database, embeddings, logger },
      { ...input, categories: input.categories ?? [...KNOWLEDGE_CATEGORIES] },
    )

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

    /**
     * Embeds the documents left without a vector (the provider was down, or the process died
     * between a commit and its indexing run); run at start. Returns how many restaurants it indexed.
     */
    async embedPending() {
      const result = await database.db.execute(
        sql`select distinct restaurant_id from document_embeddings where embedding is null`,
      )
      const ids = (result as unknown as { rows: { restaurant_id: string }[] }).rows.map((row) => row.restaurant_id)
      for (const restaurantId of ids) await index({ restaurantId })
      return ids.length
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

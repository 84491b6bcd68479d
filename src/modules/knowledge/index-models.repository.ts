import { sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../../infra/db/database.ts'
import { type VectorRow, vectorRecords } from './knowledge.repository.ts'

/**
 * The queries of a change of embedding model. Searches of a restaurant use one model's vectors
 * (its "active" model); the next model's vectors are staged beside them (next_*) and swapped in
 * for the whole restaurant at once.
 */
export function createIndexModelsRepository({ db }: { db: Database }) {
  return {
    /**
     * The model a restaurant's searches use: the current one once any document holds its vector
     * or when none holds any; otherwise the model most of its vectors were made with.
     */
    async activeModel({ restaurantId, current }: { restaurantId: string; current: string }): Promise<string> {
      const rows = rowsOf<{ model: string; vectors: number }>(
        await db.execute(sql`
          select embedding_model as model, count(*)::int as vectors from document_embeddings
          where restaurant_id = ${restaurantId} and embedding is not null
          group by embedding_model order by count(*) desc, embedding_model`),
      )
      if (rows.length === 0 || rows.some((row) => row.model === current)) return current
      return rows[0]!.model
    },

    /** Restaurants (all of them; run as the owner) with a document lacking a vector of `model`. */
    async restaurantsToEmbed({ model }: { model: string }): Promise<string[]> {
      const rows = rowsOf<{ restaurant_id: string }>(
        await db.execute(sql`
          select distinct restaurant_id from document_embeddings
          where embedding is null or embedding_model is distinct from ${model}
          order by restaurant_id`),
      )
      return rows.map((row) => row.restaurant_id)
    },

    /** Up to `limit` documents without a staged vector of `model` for their present content. */
    async listToStage({ restaurantId, model, limit }: { restaurantId: string; model: string; limit: number }) {
      return rowsOf<{ category: string; source_id: string; content: string; content_hash: string }>(
        await db.execute(sql`
          select category, source_id, content, content_hash from document_embeddings
          where restaurant_id = ${restaurantId}
            and (next_embedding_model is distinct from ${model} or next_content_hash is distinct from content_hash)
          order by category, source_id
          limit ${limit}`),
      )
    },

    /** Stages vectors, each only where the document still has the content that was embedded. */
    async stageVectors({ restaurantId, model, rows }: { restaurantId: string; model: string; rows: VectorRow[] }) {
      if (rows.length === 0) return { staged: 0 }
      const json = vectorRecords(rows)
      const result = await db.execute(sql`
        update document_embeddings d
        set next_embedding = r.embedding::vector, next_embedding_model = ${model}, next_content_hash = r.content_hash
        from jsonb_to_recordset(${json}::jsonb) as r(category text, source_id uuid, content_hash text, embedding text)
        where d.restaurant_id = ${restaurantId} and d.category = r.category and d.source_id = r.source_id
          and d.content_hash = r.content_hash
        returning d.id`)
      return { staged: rowsOf(result).length }
    },

    /**
     * Swaps the staged vectors in for every document of the restaurant, if every one has a staged
     * vector of `model` for its present content (call under the restaurant's index lock). The
     * previous model's vectors are dropped by the same statement.
     */
    async promoteStaged({ restaurantId, model }: { restaurantId: string; model: string }) {
      const missing = rowsOf<{ missing: number }>(
        await db.execute(sql`
          select count(*)::int as missing from document_embeddings
          where restaurant_id = ${restaurantId}
            and (next_embedding_model is distinct from ${model} or next_content_hash is distinct from content_hash)`),
      )[0]!.missing
      if (missing > 0) return { promoted: 0, missing }
      const result = await db.execute(sql`
        update document_embeddings
        set embedding = next_embedding, embedding_model = next_embedding_model,
          next_embedding = null, next_embedding_model = null, next_content_hash = null, updated_at = now()
        where restaurant_id = ${restaurantId}
        returning id`)
      return { promoted: rowsOf(result).length, missing: 0 }
    },

    /** Drops staged vectors that are no longer needed (the restaurant is on the current model). */
    async clearStaged({ restaurantId }: { restaurantId: string }) {
      await db.execute(sql`
        update document_embeddings set next_embedding = null, next_embedding_model = null, next_content_hash = null
        where restaurant_id = ${restaurantId} and next_embedding_model is not null`)
    },
  }
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import { deliveryZones, documentEmbeddings, faqs, menuItems, modifiers } from '../../infra/db/schema.ts'
import { faqDocument } from '../faqs/faq-documents.models.ts'
import {
  type KnowledgeCategory,
  type KnowledgeDocument,
  menuItemDocument,
  modifierDocument,
  zoneDocument,
} from './knowledge-documents.models.ts'

export type DocumentState = {
  category: string
  sourceId: string
  contentHash: string
  embeddingModel: string | null
  embedded: boolean
  position: number | null
}
export type EmbeddedDocument = KnowledgeDocument & { embedding: number[] | null; embeddingModel: string | null }

/** One candidate of a search, with the three signals the ranking fuses. */
export type SearchRow = {
  sourceId: string
  title: string
  content: string
  metadata: Record<string, any>
  /** Cosine similarity to the question (0 when the document has no vector of the question's model). */
  vectorScore: number
  /** PostgreSQL full-text rank on `search_vector`, scaled to 0..1. */
  textScore: number
  /** pg_trgm word similarity of the name within the question: catches "tonkatsu" for "Tonkotsu". */
  nameScore: number
}

const documentKey = (category: string, sourceId: string) => `${category}:${sourceId}`

export { documentKey }

/** The search of tenant_search (migrations/0017), one statement: see searchDocuments. */
const TENANT_SEARCH = 'select * from tenant_search($1::uuid, $2, $3, $4, $5, $6, $7)'

/**
 * Exact hybrid search inside one restaurant: the (restaurant_id, category) btree index picks its
 * rows and every one is scored, so no tenant's results depend on other tenants' data (a global
 * ANN index filtered afterwards loses rows). Ordered by a weighted fusion of the three signals;
 * the caller re-ranks the candidates and applies the relevance floor.
 *
 * One round trip: tenant_search scopes the statement to the restaurant (row-level
 * security, as withTenant does) before it plans the search. Run outside any transaction (`database`,
 * never a transaction's handle): inside one, the tenant's role would outlive the search.
 */
export async function searchDocuments(
  database: Pick<DatabaseHandle, 'statement'>,
  {
    restaurantId,
    category,
    vector,
    model,
    text,
    tsQuery,
    limit,
  }: {
    restaurantId: string
    category: KnowledgeCategory
    vector: number[] | null
    model: string
    text: string
    tsQuery: string
    limit: number
  },
): Promise<{ rows: SearchRow[] }> {
  // The question's vector is bound once as text and parsed once by the function.
  const literal = vector ? `[${vector.join(',')}]` : null
  const result = await database.statement(TENANT_SEARCH, [restaurantId, category, literal, model, text, tsQuery, limit])
  const rows = result.rows.map((row: Record<string, any>) => ({
    sourceId: row.source_id,
    title: row.title,
    content: row.content,
    metadata: row.metadata,
    vectorScore: Number(row.vector_score),
    textScore: Number(row.text_score),
    nameScore: Number(row.name_score),
  }))
  return { rows }
}

export type VectorRow = { category: string; sourceId: string; contentHash: string; embedding: number[] }

/** Vectors as one JSON parameter, read back with `jsonb_to_recordset(… embedding text)` and `::vector`. */
export function vectorRecords(rows: VectorRow[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      category: row.category,
      source_id: row.sourceId,
      content_hash: row.contentHash,
      embedding: `[${row.embedding.join(',')}]`,
    })),
  )
}

export function createKnowledgeRepository({ db }: { db: Database }) {
  return {
    /** The documents the restaurant's current rows should have, for the given categories. */
    async loadSourceDocuments({ restaurantId, categories }: { restaurantId: string; categories: KnowledgeCategory[] }) {
      // Sequential: inside a transaction these share one connection.
      const items = categories.includes('menu')
        ? await db
            .select()
            .from(menuItems)
            .where(eq(menuItems.restaurantId, restaurantId))
            .orderBy(asc(menuItems.position), asc(menuItems.createdAt))
        : []
      const mods = categories.includes('modifiers')
        ? await db
            .select()
            .from(modifiers)
            .where(eq(modifiers.restaurantId, restaurantId))
            .orderBy(asc(modifiers.position), asc(modifiers.createdAt))
        : []
      const zones = categories.includes('zones')
        ? await db
            .select()
            .from(deliveryZones)
            .where(eq(deliveryZones.restaurantId, restaurantId))
            .orderBy(asc(deliveryZones.position), asc(deliveryZones.createdAt))
        : []
      const questions = categories.includes('faqs')
        ? await db
            .select()
            .from(faqs)
            .where(eq(faqs.restaurantId, restaurantId))
            .orderBy(asc(faqs.position), asc(faqs.createdAt))
        : []
      // Menu order breaks ties when answers list items; rows added one by one share a position.
      const ordered = <T>(rows: T[]) => rows.map((row, position) => ({ ...row, position }))
      const documents: KnowledgeDocument[] = [
        ...ordered(items).map(menuItemDocument),
        ...ordered(mods).map(modifierDocument),
        ...ordered(zones).map(zoneDocument),
        ...ordered(questions).map(faqDocument),
      ]
      return { documents }
    },

    async listDocumentStates({ restaurantId, categories }: { restaurantId: string; categories: KnowledgeCategory[] }) {
      const rows = await db
        .select({
          category: documentEmbeddings.category,
          sourceId: documentEmbeddings.sourceId,
          contentHash: documentEmbeddings.contentHash,
          embeddingModel: documentEmbeddings.embeddingModel,
          embedded: sql<boolean>`${documentEmbeddings.embedding} is not null`,
          position: sql<number | null>`(${documentEmbeddings.metadata}->>'position')::int`,
        })
        .from(documentEmbeddings)
        .where(and(eq(documentEmbeddings.restaurantId, restaurantId), inArray(documentEmbeddings.category, categories)))
      const states = new Map<string, DocumentState>(rows.map((row) => [documentKey(row.category, row.sourceId), row]))
      return { states }
    },

    /** The documents without a vector of `model` (all of them with `force`), and how many there are in all. */
    async listToEmbed({
      restaurantId,
      categories,
      model,
      force,
    }: {
      restaurantId: string
      categories: KnowledgeCategory[]
      model: string
      force: boolean
    }) {
      const rows = await db
        .select({
          category: documentEmbeddings.category,
          sourceId: documentEmbeddings.sourceId,
          content: documentEmbeddings.content,
          contentHash: documentEmbeddings.contentHash,
          current: sql<boolean>`${documentEmbeddings.embedding} is not null
            and ${documentEmbeddings.embeddingModel} = ${model}`,
        })
        .from(documentEmbeddings)
        .where(and(eq(documentEmbeddings.restaurantId, restaurantId), inArray(documentEmbeddings.category, categories)))
      return { documents: rows.filter((row) => force || !row.current), total: rows.length }
    },

    /**
     * Stores vectors in one statement, each only where the document still has the content that
     * was embedded: a change committed meanwhile stays pending for the run its own event starts.
     */
    async setVectors({ restaurantId, model, rows }: { restaurantId: string; model: string; rows: VectorRow[] }) {
      if (rows.length === 0) return { updated: 0 }
      const json = vectorRecords(rows)
      const result = await db.execute(sql`
        update document_embeddings d set embedding = r.embedding::vector, embedding_model = ${model}, updated_at = now()
        from jsonb_to_recordset(${json}::jsonb) as r(category text, source_id uuid, content_hash text, embedding text)
        where d.restaurant_id = ${restaurantId} and d.category = r.category
          and d.source_id = r.source_id and d.content_hash = r.content_hash
        returning d.id`)
      return { updated: (result as unknown as { rows: unknown[] }).rows.length }
    },

    /** Serialises indexing runs of one restaurant (until the transaction ends). */
    async lockRestaurantIndex({ restaurantId }: { restaurantId: string }) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`knowledge:${restaurantId}`}, 0))`)
    },

    async upsertDocuments({ restaurantId, documents }: { restaurantId: string; documents: EmbeddedDocument[] }) {
      if (documents.length === 0) return
      await db
        .insert(documentEmbeddings)
        .values(
          documents.map((doc) => ({
            restaurantId,
            category: doc.category,
            sourceId: doc.sourceId,
            title: doc.title,
            content: doc.content,
            contentHash: doc.contentHash,
            embedding: doc.embedding,
            embeddingModel: doc.embeddingModel,
            metadata: doc.metadata,
          })),
        )
        .onConflictDoUpdate({
          target: [documentEmbeddings.restaurantId, documentEmbeddings.category, documentEmbeddings.sourceId],
          set: {
            title: sql`excluded.title`,
            content: sql`excluded.content`,
            contentHash: sql`excluded.content_hash`,
            embedding: sql`excluded.embedding`,
            embeddingModel: sql`excluded.embedding_model`,
            metadata: sql`excluded.metadata`,
            updatedAt: sql`now()`,
          },
        })
    },

    async updateMetadata({ restaurantId, document }: { restaurantId: string; document: KnowledgeDocument }) {
      await db
        .update(documentEmbeddings)
        .set({ metadata: document.metadata, updatedAt: sql`now()` })
        .where(
          and(
            eq(documentEmbeddings.restaurantId, restaurantId),
            eq(documentEmbeddings.category, document.category),
            eq(documentEmbeddings.sourceId, document.sourceId),
          ),
        )
    },

    async deleteDocuments({
      restaurantId,
      category,
      sourceIds,
    }: {
      restaurantId: string
      category: string
      sourceIds: string[]
    }) {
      if (sourceIds.length === 0) return
      await db
        .delete(documentEmbeddings)
        .where(
          and(
            eq(documentEmbeddings.restaurantId, restaurantId),
            eq(documentEmbeddings.category, category),
            inArray(documentEmbeddings.sourceId, sourceIds),
          ),
        )
    },
  }
}
export type KnowledgeRepository = ReturnType<typeof createKnowledgeRepository>

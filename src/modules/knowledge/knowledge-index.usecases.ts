import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import type { EmbeddingProvider } from '../../infra/embeddings/embeddings.types.ts'
import type { IndexReport } from './knowledge.types.ts'
import type { KnowledgeCategory, KnowledgeDocument } from './knowledge-documents.models.ts'
import { createKnowledgeRepository, documentKey, type DocumentState } from './knowledge.repository.ts'

export type IndexLogger = { warn(object: Record<string, unknown>, message: string): void }

export class EmbeddingUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the embedding provider failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'EmbeddingUnavailableError'
  }
}

const isCurrent = (state: DocumentState | undefined, doc: KnowledgeDocument, model: string) =>
  state !== undefined && state.contentHash === doc.contentHash && state.embedded && state.embeddingModel === model

/**
 * Brings a restaurant's documents in line with its rows: embeds only new or changed documents
 * (or those of another model), in as few provider requests as the batch size allows, then
 * writes every change in one transaction.
 *
 * When the provider fails the documents are still written, with fresh text and no vector, so
 * answers never use stale prices and lexical search keeps working; the next run embeds them.
 * `strict` (the generate route) turns that failure into an error instead.
 */
export async function indexRestaurant({ database, embeddings, logger }: { database: DatabaseHandle; embeddings: EmbeddingProvider; logger?: IndexLogger }, {
  restaurantId, categories, force = false, strict = false,
}: { restaurantId: string; categories: KnowledgeCategory[]; force?: boolean; strict?: boolean }): Promise<IndexReport> {
  const model = embeddings.model
  // 1. What should exist, and what must be embedded (read outside any long transaction).
  const planned = await database.withTenant(restaurantId, async (tx) => {
    const repository = createKnowledgeRepository({ db: tx })
    const { documents } = await repository.loadSourceDocuments({ restaurantId, categories })
    const { states } = await repository.listDocumentStates({ restaurantId, categories })
    return documents.filter((doc) => force || !isCurrent(states.get(documentKey(doc.category, doc.sourceId)), doc, model))
  })

  // 2. Embed, batched; no transaction is held open while the provider works.
  const vectors = new Map<string, number[]>()
  let embeddingRequests = 0
  try {
    for (let start = 0; start < planned.length; start += embeddings.maxBatchSize) {
      const batch = planned.slice(start, start + embeddings.maxBatchSize)
      embeddingRequests++
      const result = await embeddings.embed(batch.map((doc) => doc.content))
      batch.forEach((doc, i) => vectors.set(doc.contentHash, result[i]!))
    }
  } catch (error) {
    if (strict) throw new EmbeddingUnavailableError(error)
    logger?.warn({ err: error, restaurantId, documents: planned.length }, 'embedding failed; documents stored for lexical search and embedded on the next run')
  }

  // 3. Write under a per-restaurant lock, against the rows as they are now: a change committed
  //    meanwhile is written without a vector here and embedded by the run its own event starts.
  return database.withTenant(restaurantId, (tx) => writeDocuments(tx, { restaurantId, categories, vectors, model, embeddingRequests }))
}

/**
 * Makes the stored documents match the rows as `tx` sees them: new vectors where given, no vector
 * for changed content without one, nothing for deleted rows. Data writers call it in their own
 * transaction (with no vectors), so a document can never outlive its row or describe a version
 * of it that was not committed; indexing runs then only fill in the vectors.
 */
export async function writeDocuments(tx: Database, { restaurantId, categories, vectors = new Map(), model, embeddingRequests = 0 }: {
  restaurantId: string; categories: KnowledgeCategory[]; vectors?: Map<string, number[]>; model: string; embeddingRequests?: number
}): Promise<IndexReport> {
  const repository = createKnowledgeRepository({ db: tx })
  await repository.lockRestaurantIndex({ restaurantId })
  const { documents } = await repository.loadSourceDocuments({ restaurantId, categories })
  const { states } = await repository.listDocumentStates({ restaurantId, categories })
  const report: IndexReport = { embedded: 0, unchanged: 0, deleted: 0, pending: 0, embeddingRequests }
  const writes = []
  for (const doc of documents) {
    const state = states.get(documentKey(doc.category, doc.sourceId))
    states.delete(documentKey(doc.category, doc.sourceId))
    const vector = vectors.get(doc.contentHash)
    if (vector) {
      writes.push({ ...doc, embedding: vector, embeddingModel: model })
      report.embedded++
    } else if (isCurrent(state, doc, model) || (state?.contentHash === doc.contentHash && !state.embedded)) {
      if (state!.embedded) report.unchanged++
      else report.pending++
      if (state!.position !== doc.metadata.position) await repository.updateMetadata({ restaurantId, document: doc })
    } else {
      writes.push({ ...doc, embedding: null, embeddingModel: null })
      report.pending++
    }
  }
  await repository.upsertDocuments({ restaurantId, documents: writes })
  const stale = [...states.values()]
  for (const category of new Set(stale.map((state) => state.category))) {
    await repository.deleteDocuments({ restaurantId, category, sourceIds: stale.filter((s) => s.category === category).map((s) => s.sourceId) })
  }
  report.deleted = stale.length
  return report
}

import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import type { EmbeddingProvider } from '../../infra/embeddings/embeddings.types.ts'
import { createIndexModelsRepository } from './index-models.repository.ts'
import { createKnowledgeRepository, documentKey } from './knowledge.repository.ts'
import type { IndexReport } from './knowledge.types.ts'
import type { KnowledgeCategory } from './knowledge-documents.models.ts'

export type IndexLogger = { warn(object: Record<string, unknown>, message: string): void }

/** The provider for a model stored vectors were made with, when this configuration can reach it. */
export type ProviderForModel = (model: string) => EmbeddingProvider | undefined

export class EmbeddingUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the embedding provider failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'EmbeddingUnavailableError'
  }
}

/**
 * Gives a restaurant's documents the vectors they lack: first (unless the data writer already did
 * it in its own transaction) the documents are brought in line with the rows, then only documents
 * without a vector of the restaurant's active model (all of them with `force`) are embedded, in
 * as few provider requests as the batch size allows.
 *
 * The active model is the current one, except while a change of model has not yet reached this
 * restaurant: its changed documents are then embedded with the model its searches still use (or
 * left to lexical search if that model is out of reach), so that one ranking never mixes models.
 *
 * When the provider fails the documents keep their fresh text without a vector, so answers never
 * use stale prices and lexical search keeps working; the next run embeds them. `strict` (the
 * generate route) turns that failure into an error instead.
 */
export async function indexRestaurant(
  {
    database,
    embeddings,
    providerFor = () => undefined,
    logger,
  }: { database: DatabaseHandle; embeddings: EmbeddingProvider; providerFor?: ProviderForModel; logger?: IndexLogger },
  {
    restaurantId,
    categories,
    force = false,
    strict = false,
    align = true,
  }: { restaurantId: string; categories: KnowledgeCategory[]; force?: boolean; strict?: boolean; align?: boolean },
): Promise<IndexReport> {
  const aligned = align
    ? await database.withTenant(restaurantId, (tx) =>
        writeDocuments(tx, { restaurantId, categories, model: embeddings.model }),
      )
    : undefined
  const report: IndexReport = {
    embedded: 0,
    unchanged: 0,
    deleted: aligned?.deleted ?? 0,
    pending: 0,
    embeddingRequests: 0,
  }
  // A switch may reach this restaurant while its vectors are computed: they are then dropped and computed again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const active = await database.withTenant(restaurantId, (tx) =>
      createIndexModelsRepository({ db: tx }).activeModel({ restaurantId, current: embeddings.model }),
    )
    const provider = active === embeddings.model ? embeddings : providerFor(active)
    const { documents: todo, total } = await database.withTenant(restaurantId, (tx) =>
      createKnowledgeRepository({ db: tx }).listToEmbed({ restaurantId, categories, model: active, force }),
    )
    report.unchanged = total - todo.length
    report.pending = todo.length

    // No transaction is held open while the provider works.
    const embedded: { category: string; sourceId: string; contentHash: string; embedding: number[] }[] = []
    try {
      if (!provider && todo.length > 0) throw new Error(`model ${active} is out of reach of this configuration`)
      for (let start = 0; provider && start < todo.length; start += provider.maxBatchSize) {
        const batch = todo.slice(start, start + provider.maxBatchSize)
        report.embeddingRequests++
        const vectors = await provider.embed(batch.map((doc) => doc.content))
        for (const [i, doc] of batch.entries()) embedded.push({ ...doc, embedding: vectors[i]! })
      }
    } catch (error) {
      if (strict) throw new EmbeddingUnavailableError(error)
      logger?.warn(
        { err: error, restaurantId, model: active, documents: todo.length },
        'embedding failed; documents stay searchable lexically and are embedded on the next run',
      )
    }

    const written = await database.withTenant(restaurantId, async (tx) => {
      const repository = createKnowledgeRepository({ db: tx })
      await repository.lockRestaurantIndex({ restaurantId })
      const now = await createIndexModelsRepository({ db: tx }).activeModel({ restaurantId, current: embeddings.model })
      if (now !== active && embedded.length > 0) return undefined
      return repository.setVectors({ restaurantId, model: active, rows: embedded })
    })
    if (!written) continue
    report.embedded = written.updated
    report.pending = todo.length - written.updated
    return report
  }
  return report
}

/**
 * Makes the stored documents match the rows as `tx` sees them: changed content loses its vector
 * (until an indexing run embeds it), nothing remains for deleted rows. Data writers call it in
 * their own transaction, so a document can never outlive its row or describe a version of it
 * that was not committed; indexing runs then only fill in the vectors.
 */
export async function writeDocuments(
  tx: Database,
  {
    restaurantId,
    categories,
    model,
  }: {
    restaurantId: string
    categories: KnowledgeCategory[]
    model: string
  },
): Promise<IndexReport> {
  const repository = createKnowledgeRepository({ db: tx })
  await repository.lockRestaurantIndex({ restaurantId })
  const { documents } = await repository.loadSourceDocuments({ restaurantId, categories })
  const { states } = await repository.listDocumentStates({ restaurantId, categories })
  const report: IndexReport = { embedded: 0, unchanged: 0, deleted: 0, pending: 0, embeddingRequests: 0 }
  const writes = []
  for (const doc of documents) {
    const state = states.get(documentKey(doc.category, doc.sourceId))
    states.delete(documentKey(doc.category, doc.sourceId))
    if (state?.contentHash === doc.contentHash) {
      if (state.embedded && state.embeddingModel === model) report.unchanged++
      else report.pending++
      if (state.position !== doc.metadata.position) await repository.updateMetadata({ restaurantId, document: doc })
    } else {
      writes.push({ ...doc, embedding: null, embeddingModel: null })
      report.pending++
    }
  }
  await repository.upsertDocuments({ restaurantId, documents: writes })
  const stale = [...states.values()]
  for (const category of new Set(stale.map((state) => state.category))) {
    await repository.deleteDocuments({
      restaurantId,
      category,
      sourceIds: stale.filter((s) => s.category === category).map((s) => s.sourceId),
    })
  }
  report.deleted = stale.length
  return report
}

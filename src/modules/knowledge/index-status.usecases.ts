import { and, count, eq, isNotNull, or, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { documentEmbeddings } from '../../infra/db/schema.ts'

export type ModelIndexStatus = {
  model: string
  /** The model questions are embedded with now. */
  current: boolean
  documents: number
  /** Documents holding a vector of this model (for the current model: staged ones of a switch too). */
  embedded: number
  /** Documents that would need embedding before this model could answer for all of them. */
  pending: number
}

/**
 * The search index across restaurants, per embedding model: the configured model first (even
 * before it has embedded anything), then every model that still holds vectors. Runs as the owner.
 */
export async function indexStatus({
  database,
  currentModel,
}: {
  database: DatabaseHandle
  currentModel: string
}): Promise<{ model: string; documents: number; models: ModelIndexStatus[] }> {
  const [total] = await database.db.select({ documents: count() }).from(documentEmbeddings)
  const documents = total?.documents ?? 0
  const byModel = await database.db
    .select({ model: documentEmbeddings.embeddingModel, embedded: count() })
    .from(documentEmbeddings)
    .where(isNotNull(documentEmbeddings.embedding))
    .groupBy(documentEmbeddings.embeddingModel)
  const embedded = new Map(byModel.map((row) => [row.model ?? '', row.embedded]))
  const [staged] = await database.db
    .select({ staged: count() })
    .from(documentEmbeddings)
    .where(
      and(
        eq(documentEmbeddings.nextEmbeddingModel, currentModel),
        eq(documentEmbeddings.nextContentHash, documentEmbeddings.contentHash),
        or(
          sql`${documentEmbeddings.embedding} is null`,
          sql`${documentEmbeddings.embeddingModel} is distinct from ${currentModel}`,
        ),
      ),
    )
  embedded.set(currentModel, (embedded.get(currentModel) ?? 0) + (staged?.staged ?? 0))
  const models = [currentModel, ...[...embedded.keys()].filter((model) => model && model !== currentModel).sort()]
  return {
    model: currentModel,
    documents,
    models: models.map((model) => {
      const vectors = embedded.get(model) ?? 0
      return { model, current: model === currentModel, documents, embedded: vectors, pending: documents - vectors }
    }),
  }
}

/** GET /api/health's checks.index: the configured model's progress over every restaurant's documents. */
export async function indexHealth({ database, currentModel }: { database: DatabaseHandle; currentModel: string }) {
  const { documents, models } = await indexStatus({ database, currentModel })
  const current = models.find((model) => model.current)!
  return { model: currentModel, documents, embedded: current.embedded, pending: current.pending }
}

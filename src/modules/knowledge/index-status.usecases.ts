import { count, isNotNull } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { documentEmbeddings } from '../../infra/db/schema.ts'

export type ModelIndexStatus = {
  model: string
  /** The model questions are embedded with now. */
  current: boolean
  documents: number
  /** Documents holding a vector of this model. */
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

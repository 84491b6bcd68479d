import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { EmbeddingProvider } from '../../infra/embeddings/embeddings.types.ts'
import { createIndexModelsRepository } from './index-models.repository.ts'
import { createKnowledgeRepository } from './knowledge.repository.ts'
import type { IndexReport } from './knowledge.types.ts'

export type SwitchLogger = {
  info(object: Record<string, unknown>, message: string): void
  warn(object: Record<string, unknown>, message: string): void
}

export type SwitchReport = {
  /** Restaurants whose vectors were swapped to the current model. */
  switched: number
  /** Restaurants already on the current model that had documents to embed. */
  indexed: number
  /** Documents embedded with the current model (staged and directly). */
  embedded: number
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })

/**
 * Brings every restaurant's index onto the current model, in the background, blue-green: a
 * restaurant whose searches use another model's vectors gets the current model's vectors staged
 * beside them, batch by batch (each batch is stored, so a restart resumes where it stopped), and
 * once all its documents have one they replace the old vectors in one statement. Its searches use
 * the old vectors until then. Restaurants already on the current model (or with no vector at all)
 * only get their missing vectors, as an ordinary indexing run does.
 *
 * Provider failures are retried with a growing pause until `signal` aborts. With every document on
 * the current model already it only runs one query: a restart with an unchanged model embeds nothing.
 */
export async function switchModel(
  {
    database,
    embeddings,
    index,
    logger,
    onRestaurantSwitched = () => {},
  }: {
    database: DatabaseHandle
    embeddings: EmbeddingProvider
    /** An ordinary indexing run of one restaurant (vectors of its active model). */
    index: (restaurantId: string) => Promise<IndexReport>
    logger?: SwitchLogger
    onRestaurantSwitched?: (restaurantId: string) => void
  },
  {
    signal,
    retryMs = 1_000,
    maxRetryMs = 60_000,
  }: { signal?: AbortSignal; retryMs?: number; maxRetryMs?: number } = {},
): Promise<SwitchReport> {
  const model = embeddings.model
  const report: SwitchReport = { switched: 0, indexed: 0, embedded: 0 }
  let pause = retryMs
  while (!signal?.aborted) {
    const restaurants = await createIndexModelsRepository({ db: database.db }).restaurantsToEmbed({ model })
    if (restaurants.length === 0) break
    if (report.switched + report.indexed === 0)
      logger?.info({ model, restaurants: restaurants.length }, 'embedding model change: re-embedding')
    let failed = false
    for (const restaurantId of restaurants) {
      if (signal?.aborted) break
      try {
        await bringOntoModel(restaurantId)
      } catch (error) {
        failed = true
        logger?.warn({ err: error, restaurantId, model }, 'embedding model change: a batch failed; retrying later')
      }
    }
    if (failed) {
      await sleep(pause, signal)
      pause = Math.min(pause * 2, maxRetryMs)
    } else pause = retryMs
  }
  if (report.switched + report.indexed > 0) logger?.info({ model, ...report }, 'embedding model change: done')
  return report

  async function bringOntoModel(restaurantId: string) {
    const active = await database.withTenant(restaurantId, (tx) =>
      createIndexModelsRepository({ db: tx }).activeModel({ restaurantId, current: model }),
    )
    if (active === model) {
      const { embedded, pending } = await index(restaurantId)
      if (pending > 0) throw new Error(`${pending} documents still without a vector`)
      await database.withTenant(restaurantId, (tx) =>
        createIndexModelsRepository({ db: tx }).clearStaged({ restaurantId }),
      )
      report.indexed++
      report.embedded += embedded
      return
    }
    for (;;) {
      if (signal?.aborted) return
      const batch = await database.withTenant(restaurantId, (tx) =>
        createIndexModelsRepository({ db: tx }).listToStage({ restaurantId, model, limit: embeddings.maxBatchSize }),
      )
      if (batch.length === 0) break
      const vectors = await embeddings.embed(batch.map((doc) => doc.content))
      const { staged } = await database.withTenant(restaurantId, (tx) =>
        createIndexModelsRepository({ db: tx }).stageVectors({
          restaurantId,
          model,
          rows: batch.map((doc, i) => ({
            category: doc.category,
            sourceId: doc.source_id,
            contentHash: doc.content_hash,
            embedding: vectors[i]!,
          })),
        }),
      )
      report.embedded += staged
      logger?.info({ restaurantId, model, from: active, staged }, 'embedding model change: batch staged')
    }
    const { promoted } = await database.withTenant(restaurantId, async (tx) => {
      await createKnowledgeRepository({ db: tx }).lockRestaurantIndex({ restaurantId })
      return createIndexModelsRepository({ db: tx }).promoteStaged({ restaurantId, model })
    })
    if (promoted === 0) return // a document changed meanwhile: the next pass stages it
    report.switched++
    onRestaurantSwitched(restaurantId)
    logger?.info(
      { restaurantId, model, from: active, documents: promoted },
      'embedding model change: restaurant switched',
    )
  }
}

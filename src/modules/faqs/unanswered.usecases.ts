import type { DatabaseHandle } from '../../infra/db/database.ts'
import { LOCAL_EMBEDDING_MODEL } from '../../infra/embeddings/local-embeddings.ts'
import { searchTextFor } from './faq-answers.models.ts'
import { createUnansweredRepository } from './unanswered.repository.ts'

// Unanswered questions grouped by meaning: "kids menu" and "children's menu" are one entry asked
// twice. Grouping runs when the list is read (and before an entry is answered), so that the
// webhook's path stays as fast as it was; it is idempotent and serialised per restaurant.

/**
 * Cosine similarity at which two questions are the same question, per kind of embedding model.
 * Lexical (local-lexical-v2, whose sounds-alike features of joined words set paraphrases further
 * apart): "kids menu" / "children's menu" 0.49, "parking" / "parking nearby" 0.71, "bring my dog" /
 * "dogs allowed" 0.48, while "kids menu" / "vegan menu" is 0.31 and unrelated questions 0.
 */
export const SAME_QUESTION = { lexical: 0.45, semantic: 0.85 }
const BATCH = 500

export type QuestionEmbedder = { embedQuestion(query: string): Promise<number[] | null>; embeddings: { model: string } }

export async function groupUnanswered({
  database,
  knowledge,
  restaurantId,
}: {
  database: DatabaseHandle
  knowledge: QuestionEmbedder
  restaurantId: string
}) {
  const model = knowledge.embeddings.model
  const threshold = model === LOCAL_EMBEDDING_MODEL ? SAME_QUESTION.lexical : SAME_QUESTION.semantic
  const { invocations: pending } = await database.withTenant(restaurantId, (tx) =>
    createUnansweredRepository({ db: tx }).listUngrouped({ restaurantId, limit: BATCH }),
  )
  if (pending.length === 0) return { grouped: 0 }
  // Embedded before the transaction: no lock is held while a provider works.
  const vectors = new Map<string, number[] | null>()
  for (const { query } of pending)
    if (!vectors.has(query)) vectors.set(query, await knowledge.embedQuestion(searchTextFor(query)))

  return database.withTenant(restaurantId, async (tx) => {
    const repository = createUnansweredRepository({ db: tx })
    await repository.lock({ restaurantId })
    // Re-read under the lock: another instance may have grouped some meanwhile.
    const { invocations } = await repository.listUngrouped({ restaurantId, limit: BATCH })
    for (const invocation of invocations) {
      const vector = vectors.get(invocation.query) ?? null
      const match = await repository.findOpenMatch({
        restaurantId,
        normalized: invocation.normalized,
        vector,
        model,
      })
      const entryId =
        match && match.similarity >= threshold
          ? match.id
          : (
              await repository.createEntry({
                restaurantId,
                question: invocation.query,
                normalized: invocation.normalized,
                vector,
                model,
              })
            ).id
      await repository.assign({ invocationId: invocation.id, entryId })
    }
    return { grouped: invocations.length }
  })
}

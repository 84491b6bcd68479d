import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../../infra/db/database.ts'
import { toolInvocations, unansweredQuestions } from '../../infra/db/schema.ts'

export function createUnansweredRepository({ db }: { db: Database }) {
  return {
    /** Serialises grouping runs of one restaurant (until the transaction ends). */
    async lock({ restaurantId }: { restaurantId: string }) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`unanswered:${restaurantId}`}, 0))`)
    },

    /** Unanswered tool calls not yet given an entry, oldest first. */
    async listUngrouped({ restaurantId, limit }: { restaurantId: string; limit: number }) {
      const rows = await db
        .select({ id: toolInvocations.id, query: toolInvocations.query, normalized: toolInvocations.normalizedQuery })
        .from(toolInvocations)
        .where(
          and(
            eq(toolInvocations.restaurantId, restaurantId),
            eq(toolInvocations.unanswered, true),
            isNull(toolInvocations.unansweredQuestionId),
          ),
        )
        .orderBy(asc(toolInvocations.invokedAt), asc(toolInvocations.id))
        .limit(limit)
      return { invocations: rows }
    },

    /** The open entry asked in these very words, else the one nearest in meaning (and how near). */
    async findOpenMatch({
      restaurantId,
      normalized,
      vector,
      model,
    }: {
      restaurantId: string
      normalized: string
      vector: number[] | null
      model: string
    }): Promise<{ id: string; similarity: number } | undefined> {
      const [same] = await db
        .select({ id: unansweredQuestions.id })
        .from(unansweredQuestions)
        .where(
          and(
            eq(unansweredQuestions.restaurantId, restaurantId),
            eq(unansweredQuestions.status, 'open'),
            eq(unansweredQuestions.normalizedQuery, normalized),
          ),
        )
        .limit(1)
      if (same) return { id: same.id, similarity: 1 }
      if (!vector) return undefined
      const [nearest] = rowsOf<{ id: string; similarity: number }>(
        await db.execute(sql`
          select id, 1 - (embedding <=> ${`[${vector.join(',')}]`}::vector) as similarity
          from unanswered_questions
          where restaurant_id = ${restaurantId} and status = 'open'
            and embedding is not null and embedding_model = ${model}
          order by embedding <=> ${`[${vector.join(',')}]`}::vector
          limit 1`),
      )
      return nearest && { id: nearest.id, similarity: Number(nearest.similarity) }
    },

    async createEntry(entry: {
      restaurantId: string
      question: string
      normalized: string
      vector: number[] | null
      model: string
    }) {
      const [row] = await db
        .insert(unansweredQuestions)
        .values({
          restaurantId: entry.restaurantId,
          question: entry.question,
          normalizedQuery: entry.normalized,
          embedding: entry.vector,
          embeddingModel: entry.vector ? entry.model : null,
        })
        .returning({ id: unansweredQuestions.id })
      return { id: row!.id }
    },

    async assign({ invocationId, entryId }: { invocationId: string; entryId: string }) {
      await db
        .update(toolInvocations)
        .set({ unansweredQuestionId: entryId })
        .where(eq(toolInvocations.id, invocationId))
    },

    async getEntry({ restaurantId, id }: { restaurantId: string; id: string }) {
      const [entry] = await db
        .select()
        .from(unansweredQuestions)
        .where(and(eq(unansweredQuestions.restaurantId, restaurantId), eq(unansweredQuestions.id, id)))
      return { entry }
    },

    async markAnswered({ restaurantId, id, faqId, at }: { restaurantId: string; id: string; faqId: string; at: Date }) {
      await db
        .update(unansweredQuestions)
        .set({ status: 'answered', faqId, answeredAt: at })
        .where(and(eq(unansweredQuestions.restaurantId, restaurantId), eq(unansweredQuestions.id, id)))
    },
  }
}

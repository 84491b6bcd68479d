import { and, asc, eq, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { faqs } from '../../infra/db/schema.ts'
import { AppError, badRequest, notFound } from '../../shared/errors.ts'
import type { RestaurantEvents } from '../../shared/events.ts'
import { type FaqApi, type FaqRow, faqFromApi } from './faqs.models.ts'
import { createUnansweredRepository } from './unanswered.repository.ts'
import { groupUnanswered, type QuestionEmbedder } from './unanswered.usecases.ts'

export type FaqDeps = { database: DatabaseHandle; restaurantEvents: RestaurantEvents; knowledge: QuestionEmbedder }

export const formatFaqForApi = (row: FaqRow) => ({
  id: row.id,
  question: row.question,
  answer: row.answer,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
})

const CATEGORIES = ['faqs' as const]

export async function listFaqs({ database, restaurantId }: { database: DatabaseHandle; restaurantId: string }) {
  const rows = await database.withTenant(restaurantId, (tx) =>
    tx.select().from(faqs).where(eq(faqs.restaurantId, restaurantId)).orderBy(asc(faqs.position), asc(faqs.createdAt)),
  )
  return { faqs: rows }
}

/**
 * Adds an FAQ; with `fromUnanswered` it also closes that unanswered question, in the same
 * transaction, so the FAQ and the closed entry exist together or not at all.
 */
export async function createFaq({
  deps,
  restaurantId,
  input,
  now,
}: {
  deps: FaqDeps
  restaurantId: string
  input: { question?: string; answer: string; from_unanswered?: string }
  now: Date
}) {
  const { database, restaurantEvents } = deps
  if (input.from_unanswered) await groupUnanswered({ database, knowledge: deps.knowledge, restaurantId })
  const faq = await database.withTenant(restaurantId, async (tx) => {
    const unanswered = createUnansweredRepository({ db: tx })
    let question = input.question
    if (input.from_unanswered) {
      const { entry } = await unanswered.getEntry({ restaurantId, id: input.from_unanswered })
      if (!entry) throw notFound('Unanswered question')
      if (entry.status !== 'open')
        throw new AppError('conflict', 'This unanswered question has already been answered', 409)
      question ??= entry.question
    }
    if (!question)
      throw badRequest('body.question is required unless from_unanswered is given', [
        { field: 'body.question', problem: 'is required' },
      ])
    const [row] = await tx
      .insert(faqs)
      .values({ ...faqFromApi({ question, answer: input.answer }), restaurantId, position: 1_000_000 })
      .returning()
    if (input.from_unanswered)
      await unanswered.markAnswered({ restaurantId, id: input.from_unanswered, faqId: row!.id, at: now })
    await restaurantEvents.changing(tx, { restaurantId, categories: CATEGORIES })
    return row!
  })
  await restaurantEvents.changed({ restaurantId, categories: CATEGORIES })
  return { faq }
}

export async function updateFaq({
  deps,
  restaurantId,
  faqId,
  input,
}: {
  deps: FaqDeps
  restaurantId: string
  faqId: string
  input: Partial<FaqApi>
}) {
  const { database, restaurantEvents } = deps
  const faq = await database.withTenant(restaurantId, async (tx) => {
    const match = and(eq(faqs.id, faqId), eq(faqs.restaurantId, restaurantId))
    const [current] = await tx.select().from(faqs).where(match)
    if (!current) throw notFound('FAQ')
    const [row] = await tx
      .update(faqs)
      .set({ ...faqFromApi({ question: current.question, answer: current.answer, ...input }), updatedAt: sql`now()` })
      .where(match)
      .returning()
    await restaurantEvents.changing(tx, { restaurantId, categories: CATEGORIES })
    return row!
  })
  await restaurantEvents.changed({ restaurantId, categories: CATEGORIES })
  return { faq }
}

export async function deleteFaq({ deps, restaurantId, faqId }: { deps: FaqDeps; restaurantId: string; faqId: string }) {
  const { database, restaurantEvents } = deps
  await database.withTenant(restaurantId, async (tx) => {
    const deleted = await tx
      .delete(faqs)
      .where(and(eq(faqs.id, faqId), eq(faqs.restaurantId, restaurantId)))
      .returning({ id: faqs.id })
    if (deleted.length === 0) throw notFound('FAQ')
    await restaurantEvents.changing(tx, { restaurantId, categories: CATEGORIES })
  })
  await restaurantEvents.changed({ restaurantId, categories: CATEGORIES })
}

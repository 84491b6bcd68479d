import { and, avg, count, desc, eq, exists, gte, lt, max, notInArray, type SQL, sql, sum } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import {
  callHistory,
  type OrderStatus,
  orders,
  restaurants,
  toolInvocations,
  unansweredQuestions,
} from '../../infra/db/schema.ts'
import { reservations } from '../reservations/reservations.tables.ts'

export type InsightsRange = { restaurantId: string; from: Date; to: Date }

const NOT_REVENUE: OrderStatus[] = ['cancelled', 'awaiting_payment']

export function createCallInsightsRepository({ db }: { db: Database }) {
  const callsIn = ({ restaurantId, from, to }: InsightsRange) =>
    and(eq(callHistory.restaurantId, restaurantId), gte(callHistory.listedAt, from), lt(callHistory.listedAt, to))
  const toolsIn = ({ restaurantId, from, to }: InsightsRange) =>
    and(
      eq(toolInvocations.restaurantId, restaurantId),
      gte(toolInvocations.invokedAt, from),
      lt(toolInvocations.invokedAt, to),
    )

  const ordersIn = ({ restaurantId, from, to }: InsightsRange) =>
    and(
      eq(orders.restaurantId, restaurantId),
      gte(orders.createdAt, from),
      lt(orders.createdAt, to),
      // What the kitchen got: a link not yet paid is not revenue, and may never be.
      notInArray(orders.status, NOT_REVENUE),
    )
  /** Calls of the range that led to something: `led` is an EXISTS over a table holding the call's vapi_call_id. */
  const callsThatLedTo = async (range: InsightsRange, led: SQL) => {
    const [row] = await db
      .select({ count: count() })
      .from(callHistory)
      .where(and(callsIn(range), led))
    return row?.count ?? 0
  }

  return {
    /**
     * Orders the kitchen got (not cancelled, not waiting for payment), and their revenue in cents, per
     * local day of the restaurant (only days with orders).
     */
    async ordersPerDay(range: InsightsRange & { timezone: string }) {
      const day = sql<string>`to_char(${orders.createdAt} AT TIME ZONE ${range.timezone}, 'YYYY-MM-DD')`
      const revenue = sql<number>`coalesce(sum(${orders.totalCents}), 0)::int`
      const rows = await db.select({ day, count: count(), revenue }).from(orders).where(ordersIn(range)).groupBy(sql`1`)
      return { days: rows }
    },

    /**
     * Calls that ended with an order (not cancelled, not waiting for its payment). A booking share adds its
     * own EXISTS the same way.
     */
    async callsWithOrder(range: InsightsRange) {
      const led = sql`exists (select 1 from ${orders} where ${orders.restaurantId} = ${callHistory.restaurantId}
        and ${orders.vapiCallId} = ${callHistory.vapiCallId} and ${notInArray(orders.status, NOT_REVENUE)})`
      return { count: await callsThatLedTo(range, led) }
    },

    async getTimezone({ restaurantId }: { restaurantId: string }) {
      const [row] = await db
        .select({ timezone: restaurants.timezone })
        .from(restaurants)
        .where(eq(restaurants.id, restaurantId))
      return { timezone: row?.timezone }
    },

    /** Calls per local day of the restaurant (only days with calls). */
    async callsPerDay(range: InsightsRange & { timezone: string }) {
      const day = sql<string>`to_char(${callHistory.listedAt} AT TIME ZONE ${range.timezone}, 'YYYY-MM-DD')`
      // Grouped by position: the time zone is a parameter, and PostgreSQL would not match
      // the same expression written twice with two different placeholders.
      const rows = await db.select({ day, count: count() }).from(callHistory).where(callsIn(range)).groupBy(sql`1`)
      return { days: rows }
    },

    async callTotals(range: InsightsRange) {
      const [row] = await db
        .select({ total: count(), averageDuration: avg(callHistory.durationSeconds), totalCost: sum(callHistory.cost) })
        .from(callHistory)
        .where(callsIn(range))
      return {
        total: row?.total ?? 0,
        averageDurationSeconds:
          row?.averageDuration == null ? null : Math.round(Number(row.averageDuration) * 100) / 100,
        totalCost: row?.totalCost == null ? 0 : Math.round(Number(row.totalCost) * 10_000) / 10_000,
      }
    },

    /** Transfers to a person asked in the range's calls, how many connected and how many failed. */
    async transferCounts(range: InsightsRange) {
      const matching = (filter: string) => {
        const found = sql`jsonb_path_query_array(${callHistory.transfers}, ${filter}::jsonpath)`
        return sql<number>`coalesce(sum(jsonb_array_length(${found})), 0)::int`
      }
      const [row] = await db
        .select({
          asked: sql<number>`coalesce(sum(jsonb_array_length(${callHistory.transfers})), 0)::int`,
          connected: matching('$[*] ? (@.status == "connected")'),
          failed: matching('$[*] ? (@.status == "no_answer" || @.status == "busy" || @.status == "failed")'),
          unavailable: matching('$[*] ? (@.status == "unavailable")'),
        })
        .from(callHistory)
        .where(callsIn(range))
      return {
        asked: row?.asked ?? 0,
        connected: row?.connected ?? 0,
        failed: row?.failed ?? 0,
        unavailable: row?.unavailable ?? 0,
      }
    },

    /** Calls of the range during which a table was booked (whatever became of the booking since). */
    async callsWithBooking(range: InsightsRange) {
      const booked = db
        .select({ one: sql`1` })
        .from(reservations)
        .where(
          and(
            eq(reservations.restaurantId, callHistory.restaurantId),
            eq(reservations.vapiCallId, callHistory.vapiCallId),
          ),
        )
      const [row] = await db
        .select({ count: count() })
        .from(callHistory)
        .where(and(callsIn(range), exists(booked)))
      return { count: row?.count ?? 0 }
    },

    async outcomes(range: InsightsRange) {
      const rows = await db
        .select({ outcome: callHistory.outcome, count: count() })
        .from(callHistory)
        .where(callsIn(range))
        .groupBy(callHistory.outcome)
        .orderBy(desc(count()), callHistory.outcome)
      return { outcomes: rows }
    },

    async toolUsage(range: InsightsRange) {
      const unanswered = sql<number>`(count(*) filter (where ${toolInvocations.unanswered}))::int`
      const rows = await db
        .select({ tool: toolInvocations.tool, count: count(), unanswered })
        .from(toolInvocations)
        .where(toolsIn(range))
        .groupBy(toolInvocations.tool)
        .orderBy(desc(count()), toolInvocations.tool)
      return { tools: rows }
    },

    /**
     * Unanswered questions grouped by meaning (the entries tool calls were grouped into), in the
     * latest wording a caller used; only entries with the given status ('all' = both).
     */
    async unansweredQuestions(range: InsightsRange & { limit: number; status: 'open' | 'answered' | 'all' }) {
      const lastAskedAt = max(toolInvocations.invokedAt)
      const rows = await db
        .select({
          id: unansweredQuestions.id,
          status: unansweredQuestions.status,
          question: sql<string>`(array_agg(${toolInvocations.query} order by ${toolInvocations.invokedAt} desc))[1]`,
          tool: sql<string>`(array_agg(${toolInvocations.tool} order by ${toolInvocations.invokedAt} desc))[1]`,
          count: count(),
          lastAskedAt,
        })
        .from(toolInvocations)
        .innerJoin(unansweredQuestions, eq(unansweredQuestions.id, toolInvocations.unansweredQuestionId))
        .where(
          and(
            toolsIn(range),
            eq(toolInvocations.unanswered, true),
            range.status === 'all' ? undefined : eq(unansweredQuestions.status, range.status),
          ),
        )
        .groupBy(unansweredQuestions.id, unansweredQuestions.status)
        .orderBy(desc(count()), desc(lastAskedAt), unansweredQuestions.id)
        .limit(range.limit)
      return { questions: rows }
    },
  }
}

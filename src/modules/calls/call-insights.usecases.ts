import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import type { Caller } from '../../shared/auth.ts'
import { badRequest, notFound } from '../../shared/errors.ts'
import type { Clock } from '../../shared/events.ts'
import { localTime, zonedInstant } from '../../shared/local-time.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { createCallInsightsRepository } from './call-insights.repository.ts'
import { parseRange } from './calls.models.ts'

const DAY_MS = 86_400_000
const MAX_DAYS = 366

export type InsightsQuery = {
  from?: string
  to?: string
  days?: number
  unanswered_limit: number
  unanswered_status?: 'open' | 'answered' | 'all'
}

/**
 * `from`/`to` win; otherwise the last `days` local days of the restaurant (30 by default): from
 * midnight of the first, in its zone, up to now, so that today is always one of them.
 */
export function insightsRange(query: InsightsQuery, now: Date, timezone: string) {
  const { from, to } = parseRange(query)
  const end = to ?? now
  const firstDay = shiftDate(localTime(end, timezone).date, -((query.days ?? 30) - 1))
  const start = from ?? zonedInstant(firstDay, 0, timezone)
  if (start > end)
    throw badRequest('querystring.from must not be after the end of the range', [
      { field: 'querystring.from', problem: 'is after to' },
    ])
  if (end.getTime() - start.getTime() > MAX_DAYS * DAY_MS) {
    throw badRequest(`querystring.from: the range may span at most ${MAX_DAYS} days`, [
      { field: 'querystring.from', problem: `range over ${MAX_DAYS} days` },
    ])
  }
  return { from: start, to: end }
}

/** YYYY-MM-DD moved by whole calendar days. */
function shiftDate(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

function localDay(at: Date, timezone: string): string {
  return localTime(at, timezone).date
}

/** Every local day the range touches, so a chart shows the quiet days as zero. */
function daysOf(from: Date, to: Date, timezone: string): string[] {
  const last = localDay(new Date(Math.max(from.getTime(), to.getTime() - 1)), timezone)
  const days: string[] = []
  for (let day = localDay(from, timezone); day <= last && days.length <= MAX_DAYS + 1; ) {
    days.push(day)
    day = shiftDate(day, 1)
  }
  return days
}

export async function getCallInsights({
  database,
  clock,
  caller,
  restaurantId,
  query,
  groupUnanswered,
}: {
  database: DatabaseHandle
  clock: Clock
  caller: Caller | undefined
  restaurantId: string
  query: InsightsQuery
  /** Files unanswered tool calls not yet grouped under their entries (by meaning), before reading. */
  groupUnanswered?: (input: { restaurantId: string }) => Promise<unknown>
}) {
  const { restaurant } = await getRestaurantOrThrow({ database, restaurantId })
  const { from, to } = insightsRange(query, clock.now(), restaurant.timezone)
  const run = async (db: Database) => {
    const insights = createCallInsightsRepository({ db })
    const { timezone } = await insights.getTimezone({ restaurantId })
    if (timezone === undefined) throw notFound('Restaurant')
    const range = { restaurantId, from, to }
    // One after another: inside a transaction they share one connection anyway.
    const { days } = await insights.callsPerDay({ ...range, timezone })
    const totals = await insights.callTotals(range)
    const booked = await insights.callsWithBooking(range)
    const { outcomes } = await insights.outcomes(range)
    const { tools } = await insights.toolUsage(range)
    const { questions } = await insights.unansweredQuestions({
      ...range,
      limit: query.unanswered_limit,
      status: query.unanswered_status ?? 'open',
    })
    const { days: orderDays } = await insights.ordersPerDay({ ...range, timezone })
    const { count: callsWithOrder } = await insights.callsWithOrder(range)
    const transfers = await insights.transferCounts(range)
    return { timezone, days, totals, booked, outcomes, tools, questions, orderDays, callsWithOrder, transfers }
  }
  await groupUnanswered?.({ restaurantId: restaurant.id })
  // A restaurant reads inside its row-level-security scope; the operator reads as the owner.
  const { timezone, days, totals, booked, outcomes, tools, questions, orderDays, callsWithOrder, transfers } =
    caller?.kind === 'restaurant' ? await database.withTenant(restaurantId, run) : await run(database.db)
  const perDay = new Map(days.map((d) => [d.day, d.count]))
  const ordersPerDay = new Map(orderDays.map((d) => [d.day, d]))
  const coveredDays = daysOf(from, to, timezone)
  const share = (n: number) => (totals.total === 0 ? 0 : Math.round((n / totals.total) * 10_000) / 10_000)
  return {
    restaurant_id: restaurantId,
    from: from.toISOString(),
    to: to.toISOString(),
    timezone,
    first_day: coveredDays[0]!,
    last_day: coveredDays.at(-1)!,
    calls: {
      total: totals.total,
      average_duration_seconds: totals.averageDurationSeconds,
      total_cost: totals.totalCost,
      per_day: coveredDays.map((date) => ({ date, count: perDay.get(date) ?? 0 })),
    },
    bookings: { calls_with_booking: booked.count, share: share(booked.count) },
    orders: {
      total: orderDays.reduce((sum, d) => sum + d.count, 0),
      revenue: orderDays.reduce((sum, d) => sum + d.revenue, 0) / 100,
      per_day: coveredDays.map((date) => ({
        date,
        count: ordersPerDay.get(date)?.count ?? 0,
        revenue: (ordersPerDay.get(date)?.revenue ?? 0) / 100,
      })),
    },
    conversions: { calls_with_order: callsWithOrder, order_share: share(callsWithOrder) },
    transfers,
    outcomes: outcomes.map((o) => ({ outcome: o.outcome ?? 'unknown', count: o.count })),
    tool_usage: tools.map((t) => ({ tool: t.tool, count: t.count, unanswered: t.unanswered })),
    unanswered: questions.map((q) => ({
      id: q.id,
      status: q.status,
      question: q.question,
      tool: q.tool,
      count: q.count,
      last_asked_at: q.lastAskedAt!.toISOString(),
    })),
  }
}

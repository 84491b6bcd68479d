import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import type { Clock } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { groupUnanswered } from '../faqs/unanswered.usecases.ts'
import type { Knowledge } from '../knowledge/knowledge.service.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getCallInsights } from './call-insights.usecases.ts'

const Count = Type.Integer({ minimum: 0 })

export const InsightsSchema = Type.Object({
  restaurant_id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  timezone: Type.String({ description: "The restaurant's time zone; days are local days" }),
  first_day: Type.String({ description: 'The first local day the range covers (YYYY-MM-DD)' }),
  last_day: Type.String({ description: 'The last local day the range covers (YYYY-MM-DD): today by default' }),
  calls: Type.Object({
    total: Count,
    average_duration_seconds: Type.Union([Type.Number(), Type.Null()]),
    total_cost: Type.Number({ description: 'USD' }),
    per_day: Type.Array(Type.Object({ date: Type.String({ description: 'YYYY-MM-DD' }), count: Count })),
  }),
  bookings: Type.Object({
    calls_with_booking: Count,
    share: Type.Number({ minimum: 0, maximum: 1, description: 'The fraction of the calls that booked a table' }),
  }),
  orders: Type.Object(
    {
      total: Count,
      revenue: Type.Number({
        description: 'Sum of the totals of orders the kitchen got (not cancelled, not awaiting payment)',
      }),
      per_day: Type.Array(Type.Object({ date: Type.String(), count: Count, revenue: Type.Number() })),
    },
    { description: 'Phone orders placed in the range (cancelled ones left out), by local day' },
  ),
  conversions: Type.Object(
    {
      calls_with_order: Count,
      order_share: Type.Number({ minimum: 0, maximum: 1, description: 'calls_with_order / calls.total' }),
    },
    { description: 'How many calls of the range ended in an order (not cancelled)' },
  ),
  transfers: Type.Object(
    {
      asked: Count,
      connected: Count,
      failed: Type.Integer({ minimum: 0, description: 'Nobody answered, the line was busy, or the transfer failed' }),
      unavailable: Type.Integer({ minimum: 0, description: 'Asked while closed or with no transfer number' }),
    },
    { description: "Transfers to a person asked in the range's calls, and how they went" },
  ),
  outcomes: Type.Array(Type.Object({ outcome: Type.String({ description: "Vapi's endedReason" }), count: Count })),
  tool_usage: Type.Array(Type.Object({ tool: Type.String(), count: Count, unanswered: Count })),
  unanswered: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Answer it with POST /api/restaurants/:id/faqs {from_unanswered: id}' }),
      status: Type.Union([Type.Literal('open'), Type.Literal('answered')]),
      question: Type.String({ description: 'The latest wording of the question' }),
      tool: Type.String(),
      count: Count,
      last_asked_at: Type.String(),
    }),
    {
      description:
        'Questions the tools found nothing for, grouped by meaning (the same embedding search as answers), ' +
        'most frequent first; open ones only unless unanswered_status says otherwise',
    },
  ),
})

const InsightsQuerySchema = Type.Object({
  from: Type.Optional(
    Type.String({ maxLength: 40, description: 'ISO 8601 date or date-time; default: `days` before `to`' }),
  ),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date or date-time; default: now' })),
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 366,
      description: 'When `from` is not given: this many local days up to `to`, today included (default 30)',
    }),
  ),
  unanswered_limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  unanswered_status: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('all')], {
      description: 'Which unanswered questions to list (default open: those no FAQ answers yet)',
    }),
  ),
})

export type CallInsightsRoutesDeps = { database: DatabaseHandle; clock: Clock; knowledge: Knowledge }

export function setupCallInsightsRoutes(
  app: AppInstance,
  deps: CallInsightsRoutesDeps,
  { resolveCaller }: RouteContext,
) {
  app.get(
    '/api/restaurants/:id/insights',
    {
      onRequest: requireOperatorOrRestaurant(resolveCaller),
      schema: {
        tags: ['calls', 'restaurants'],
        summary: 'Call counts, outcomes, tool usage and the questions the assistant could not answer',
        params: IdParams,
        querystring: InsightsQuerySchema,
        response: { 200: InsightsSchema, 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) =>
      getCallInsights({
        database: deps.database,
        clock: deps.clock,
        caller: request.caller,
        restaurantId: restaurantScope(request.caller, request.params.id),
        query: request.query,
        groupUnanswered: ({ restaurantId }) =>
          groupUnanswered({ database: deps.database, knowledge: deps.knowledge, restaurantId }),
      }),
  )
}

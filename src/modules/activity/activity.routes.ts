import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { EventsPageSchema, EventsQuerySchema } from './activity.schemas.ts'
import type { Activity } from './activity.types.ts'
import { streamActivity } from './activity-stream.ts'

const LAST_EVENT_ID = /^[0-9]{1,18}$/

export type ActivityRoutesDeps = { database: DatabaseHandle; activity: Activity }

/**
 * `GET /api/restaurants/:id/events`: server-sent events for a client that accepts
 * `text/event-stream` (EventSource does), else the same events as a JSON page (polling, scripts).
 */
export function setupActivityRoutes(app: AppInstance, deps: ActivityRoutesDeps, { resolveCaller }: RouteContext) {
  const open = new Set<() => void>()
  // Fastify waits for open connections before closing: streams end first, and clients reconnect elsewhere.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end()
  })

  app.get(
    '/api/restaurants/:id/events',
    {
      onRequest: requireOperatorOrRestaurant(resolveCaller),
      schema: {
        tags: ['activity', 'restaurants'],
        summary: 'Orders, reservations and ended calls as they happen (server-sent events)',
        description:
          'With `Accept: text/event-stream`: one SSE event per activity (`event:` is its type: order.created, ' +
          'order.updated, reservation.created, reservation.updated, call.ended; `id:` its id; `data:` the event ' +
          'as JSON), across every instance, with a heartbeat comment every 15 s; `Last-Event-ID` replays what ' +
          'was missed. Otherwise the newest events as JSON, oldest first; `after` pages forward.',
        params: IdParams,
        querystring: EventsQuerySchema,
        response: {
          200: {
            description: 'A JSON page, or an endless text/event-stream',
            content: { 'application/json': { schema: EventsPageSchema } },
          },
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      await getRestaurantOrThrow({ database: deps.database, restaurantId })
      if (request.method === 'HEAD' || !request.headers.accept?.includes('text/event-stream')) {
        const { after, limit } = request.query
        const data = await deps.activity.recent({ restaurantId, after, limit })
        return { data, next_after: data.at(-1)?.id ?? after ?? null }
      }
      const lastEventId = request.headers['last-event-id']
      reply.hijack()
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx and similar proxies would otherwise buffer the stream.
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      })
      let end: (() => void) | undefined
      end = streamActivity({
        activity: deps.activity,
        restaurantId,
        lastEventId: typeof lastEventId === 'string' && LAST_EVENT_ID.test(lastEventId) ? lastEventId : undefined,
        raw: reply.raw,
        heartbeatMs: deps.activity.heartbeatMs,
        onEnd: () => end && open.delete(end),
      })
      if (!reply.raw.writableEnded) open.add(end)
    },
  )
}

import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import type { Clock } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { localTime } from '../../shared/local-time.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { loadSchedule } from './hours.repository.ts'
import { openStatus } from './hours-today.ts'

const Instant = (description: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description })

export const OpenStatusSchema = Type.Object({
  open_now: Type.Boolean(),
  closes_at: Instant('When open now: when it closes (adjoining shifts merged)'),
  next_opening: Instant('When closed now: when it opens next'),
  next_opening_after_today: Instant('The first opening on a later day: when a dish sold out tonight comes back'),
})

export type OpenStatusRoutesDeps = { database: DatabaseHandle; clock: Clock }

/** GET /api/restaurants/:id/open-status: the schedule the assistant answers from, as instants. */
export function setupOpenStatusRoute(app: AppInstance, deps: OpenStatusRoutesDeps, { resolveCaller }: RouteContext) {
  app.get(
    '/api/restaurants/:id/open-status',
    {
      onRequest: requireOperatorOrRestaurant(resolveCaller),
      schema: {
        tags: ['restaurant data'],
        summary: 'Open now, until when, and the next openings (special dates included)',
        params: IdParams,
        response: { 200: OpenStatusSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      const { restaurant } = await getRestaurantOrThrow({ database: deps.database, restaurantId })
      const now = localTime(deps.clock.now(), restaurant.timezone)
      const { schedule } = await loadSchedule({ database: deps.database, restaurantId, today: now.date })
      return openStatus(schedule, now, restaurant.timezone)
    },
  )
}

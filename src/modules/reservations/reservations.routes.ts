import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import { badRequest } from '../../shared/errors.ts'
import type { Clock } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { localTime } from '../../shared/local-time.ts'
import type { Activity } from '../activity/activity.types.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import {
  ReservationParams,
  ReservationSchema,
  ReservationStatusBody,
  ReservationsQuery,
} from './reservations.schemas.ts'
import { changeReservationStatus, formatReservationForApi, listReservations } from './reservations.usecases.ts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
const tags = ['reservations']

export type ReservationRoutesDeps = { database: DatabaseHandle; clock: Clock; activity: Activity }

/** GET /api/restaurants/:id/reservations?date=, PATCH …/reservations/:reservationId {status}. */
export function setupReservationRoutes(app: AppInstance, deps: ReservationRoutesDeps, { resolveCaller }: RouteContext) {
  const onRequest = requireOperatorOrRestaurant(resolveCaller)
  const scoped = async (request: FastifyRequest) => {
    const restaurantId = restaurantScope(request.caller, (request.params as { id: string }).id)
    const { restaurant } = await getRestaurantOrThrow({ database: deps.database, restaurantId })
    return restaurant
  }

  app.get(
    '/api/restaurants/:id/reservations',
    {
      onRequest,
      schema: {
        tags,
        summary: "A day's reservations by time (today in the restaurant's time zone by default)",
        params: IdParams,
        querystring: ReservationsQuery,
        response: { 200: Type.Object({ date: Type.String(), data: Type.Array(ReservationSchema) }), ...errors },
      },
    },
    async (request) => {
      const restaurant = await scoped(request)
      const date = request.query.date ?? localTime(deps.clock.now(), restaurant.timezone).date
      if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw badRequest(`date ${date} is not a calendar date`)
      const { reservations } = await listReservations({ database: deps.database, restaurantId: restaurant.id, date })
      return { date, data: reservations.map(formatReservationForApi) }
    },
  )

  app.patch(
    '/api/restaurants/:id/reservations/:reservationId',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Confirm, cancel, seat or mark a no-show; other moves (e.g. from cancelled) are a 409',
        params: ReservationParams,
        body: ReservationStatusBody,
        response: { 200: ReservationSchema, ...errors },
      },
    },
    async (request) => {
      const restaurant = await scoped(request)
      const { reservation } = await changeReservationStatus({
        database: deps.database,
        restaurantId: restaurant.id,
        reservationId: request.params.reservationId,
        status: request.body.status,
        now: deps.clock.now(),
        activity: deps.activity,
      })
      return formatReservationForApi(reservation)
    },
  )
}

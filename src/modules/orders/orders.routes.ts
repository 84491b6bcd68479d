import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import type { Clock } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import type { Activity } from '../activity/activity.types.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { OrderParams, OrderSchema, OrderStatusBody, OrdersQuery } from './orders.schemas.ts'
import { changeOrderStatus, formatOrderForApi, getOrder, listOrders } from './orders.usecases.ts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
const tags = ['orders']

export type OrderRoutesDeps = { database: DatabaseHandle; activity: Activity; clock: Clock }

/** GET /api/restaurants/:id/orders, GET/PATCH …/orders/:orderId: the kitchen's view of phone orders. */
export function setupOrderRoutes(app: AppInstance, deps: OrderRoutesDeps, { resolveCaller }: RouteContext) {
  const onRequest = requireOperatorOrRestaurant(resolveCaller)
  const scoped = async (request: FastifyRequest) => {
    const restaurantId = restaurantScope(request.caller, (request.params as { id: string }).id)
    await getRestaurantOrThrow({ database: deps.database, restaurantId })
    return restaurantId
  }

  app.get(
    '/api/restaurants/:id/orders',
    {
      onRequest,
      schema: {
        tags,
        summary: 'List orders, newest first (at most 500), by status; without one, all but awaiting_payment',
        params: IdParams,
        querystring: OrdersQuery,
        response: { 200: Type.Object({ data: Type.Array(OrderSchema) }), ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      const { orders } = await listOrders({ database: deps.database, restaurantId, status: request.query.status })
      return { data: orders.map(formatOrderForApi) }
    },
  )

  app.get(
    '/api/restaurants/:id/orders/:orderId',
    {
      onRequest,
      schema: { tags, summary: 'One order', params: OrderParams, response: { 200: OrderSchema, ...errors } },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      const { order } = await getOrder({ database: deps.database, restaurantId, orderId: request.params.orderId })
      return formatOrderForApi(order)
    },
  )

  app.patch(
    '/api/restaurants/:id/orders/:orderId',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Move an order along: new → accepted → ready → completed, or cancelled while open (else 409)',
        params: OrderParams,
        body: OrderStatusBody,
        response: { 200: OrderSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      const { order } = await changeOrderStatus({
        database: deps.database,
        activity: deps.activity,
        restaurantId,
        orderId: request.params.orderId,
        status: request.body.status,
        now: deps.clock.now(),
      })
      return formatOrderForApi(order)
    },
  )
}

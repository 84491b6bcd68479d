import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import type { Clock } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { MessageParams, MessageSchema, MessageStatusBody, MessagesQuery } from './messages.schemas.ts'
import { changeMessageStatus, formatMessageForApi, listMessages } from './messages.usecases.ts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema }
const tags = ['messages']

export type MessageRoutesDeps = { database: DatabaseHandle; clock: Clock }

/** GET /api/restaurants/:id/messages, PATCH …/messages/:messageId: messages and event requests for the staff. */
export function setupMessageRoutes(app: AppInstance, deps: MessageRoutesDeps, { resolveCaller }: RouteContext) {
  const onRequest = requireOperatorOrRestaurant(resolveCaller)
  const scoped = async (request: FastifyRequest) => {
    const restaurantId = restaurantScope(request.caller, (request.params as { id: string }).id)
    await getRestaurantOrThrow({ database: deps.database, restaurantId })
    return restaurantId
  }

  app.get(
    '/api/restaurants/:id/messages',
    {
      onRequest,
      schema: {
        tags,
        summary: 'List messages and event requests callers left, newest first (at most 500), optionally by status',
        params: IdParams,
        querystring: MessagesQuery,
        response: { 200: Type.Object({ data: Type.Array(MessageSchema) }), ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      const { messages } = await listMessages({ database: deps.database, restaurantId, status: request.query.status })
      return { data: messages.map(formatMessageForApi) }
    },
  )

  app.patch(
    '/api/restaurants/:id/messages/:messageId',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Mark a message done, or open it again',
        params: MessageParams,
        body: MessageStatusBody,
        response: { 200: MessageSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      const { message } = await changeMessageStatus({
        database: deps.database,
        restaurantId,
        messageId: request.params.messageId,
        status: request.body.status,
        now: deps.clock.now(),
      })
      return formatMessageForApi(message)
    },
  )
}

import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperator, requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema } from '../restaurants/restaurants.schemas.ts'
import {
  CallDetailSchema,
  CallIdParams,
  CallPageSchema,
  CreateCallSchema,
  ListCallsQuerySchema,
  ListUnroutedQuerySchema,
} from './calls.schemas.ts'
import { createManualCall, deleteCall, getCallDetail, listCalls } from './calls.usecases.ts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
const tags = ['calls']

export type CallRoutesDeps = { database: DatabaseHandle }

export function setupCallRoutes(app: AppInstance, deps: CallRoutesDeps, { resolveCaller }: RouteContext) {
  const operatorOnly = requireOperator(resolveCaller)
  const operatorOrOwner = requireOperatorOrRestaurant(resolveCaller)
  const { database } = deps

  app.get(
    '/api/calls',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags,
        summary: "A restaurant's calls, newest first, a page at a time",
        querystring: ListCallsQuerySchema,
        response: { 200: CallPageSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.query.restaurant_id)
      return listCalls({ database, caller: request.caller, restaurantId, query: request.query })
    },
  )

  app.get(
    '/api/calls/unrouted',
    {
      onRequest: operatorOnly,
      schema: {
        tags,
        summary: 'Calls to numbers no restaurant owns (operator), newest first',
        querystring: ListUnroutedQuerySchema,
        response: { 200: CallPageSchema, ...errors },
      },
    },
    async (request) => listCalls({ database, caller: request.caller, restaurantId: null, query: request.query }),
  )

  app.get(
    '/api/calls/:id',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags,
        summary: 'One call with its transcript and tool calls',
        params: CallIdParams,
        response: { 200: CallDetailSchema, ...errors },
      },
    },
    async (request) => getCallDetail({ database, caller: request.caller, callId: request.params.id }),
  )

  app.post(
    '/api/calls',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags,
        summary: 'Record a call by hand',
        body: CreateCallSchema,
        response: { 201: CallDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const restaurantId = restaurantScope(request.caller, request.body.restaurant_id)
      const call = await createManualCall({ database, caller: request.caller, restaurantId, input: request.body })
      return reply.status(201).send(call)
    },
  )

  app.delete(
    '/api/calls/:id',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags,
        summary: "Delete a call and its tool calls (a caller's deletion request)",
        params: CallIdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteCall({ database, caller: request.caller, callId: request.params.id })
      return reply.status(204).send(null)
    },
  )
}

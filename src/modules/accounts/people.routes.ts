import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperator, requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import {
  InviteCreatedSchema,
  MemberChangeSchema,
  MemberParams,
  MemberSchema,
  OperatorInviteSchema,
  RestaurantInviteSchema,
} from './accounts.schemas.ts'
import type { Accounts } from './accounts.service.ts'
import { createInvite } from './invites.usecases.ts'
import { changeMembership, listMembers } from './members.usecases.ts'

const tags = ['accounts']
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

export type PeopleRoutesDeps = { accounts: Accounts; database: DatabaseHandle }

/** Invites and memberships: how people get into a restaurant, and out of it. */
export function setupPeopleRoutes(app: AppInstance, deps: PeopleRoutesDeps, { resolveCaller }: RouteContext) {
  const { accounts, database } = deps
  const operatorOrMember = requireOperatorOrRestaurant(resolveCaller)

  app.post(
    '/api/restaurants/:id/invites',
    {
      onRequest: operatorOrMember,
      schema: {
        tags,
        summary: 'Invite an owner or staff member; the link works once, for 7 days',
        params: IdParams,
        body: RestaurantInviteSchema,
        response: { 201: InviteCreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      const invite = await createInvite({
        accounts,
        ...request.body,
        restaurantId,
        invitedBy: request.caller?.user?.id ?? null,
      })
      return reply.status(201).send(invite)
    },
  )

  app.post(
    '/api/invites',
    {
      onRequest: requireOperator(resolveCaller),
      schema: {
        tags,
        summary: 'Invite another operator (operator)',
        body: OperatorInviteSchema,
        response: { 201: InviteCreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const invite = await createInvite({
        accounts,
        ...request.body,
        restaurantId: null,
        invitedBy: request.caller?.user?.id ?? null,
      })
      return reply.status(201).send(invite)
    },
  )

  app.get(
    '/api/restaurants/:id/members',
    {
      onRequest: operatorOrMember,
      schema: {
        tags,
        summary: "The restaurant's members and their roles",
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(MemberSchema) }), ...errors },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      await getRestaurantOrThrow({ database, restaurantId })
      return { data: await listMembers({ database, restaurantId }) }
    },
  )

  app.patch(
    '/api/restaurants/:id/members/:userId',
    {
      onRequest: operatorOrMember,
      schema: {
        tags,
        summary: "Change a member's role; the last owner cannot be demoted",
        params: MemberParams,
        body: MemberChangeSchema,
        response: { 200: MemberSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      const { userId } = request.params
      await changeMembership({ database, sessions: accounts.sessions, restaurantId, userId, role: request.body.role })
      const member = (await listMembers({ database, restaurantId })).find((m) => m.user_id === userId)!
      return member
    },
  )

  app.delete(
    '/api/restaurants/:id/members/:userId',
    {
      onRequest: operatorOrMember,
      schema: {
        tags,
        summary: 'Remove a member from the restaurant; the last owner cannot be removed',
        params: MemberParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      await changeMembership({
        database,
        sessions: accounts.sessions,
        restaurantId,
        userId: request.params.userId,
        role: null,
      })
      return reply.status(204).send(null)
    },
  )
}

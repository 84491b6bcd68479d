import { eq } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import type { Database } from '../infra/db/database.ts'
import { callHistory } from '../infra/db/schema.ts'
import type { Role } from '../modules/accounts/accounts.tables.ts'
import { SCOPED_GUARD } from '../shared/auth.ts'
import { AppError, notFound } from '../shared/errors.ts'
import type { AppInstance } from '../shared/http.ts'

/**
 * Who may do what, in one table. The operator (key or operator's session) holds every right;
 * the others hold what is listed. A route's right is its entry in ROUTE_RIGHTS, else `read` for
 * GET/HEAD and `write` for the rest; operator-only routes are guarded by `requireOperator`.
 */
export type Right = 'read' | 'write' | 'availability' | 'status' | 'members' | 'audit'
export type Holder = 'restaurant_key' | Role

export const RIGHTS: Record<Right, readonly Holder[]> = {
  /** Everything of the restaurant: data, calls, insights, numbers. */
  read: ['restaurant_key', 'owner', 'staff'],
  /** Change its data, numbers, calls and key. */
  write: ['restaurant_key', 'owner'],
  /** Mark a menu item available or unavailable (and nothing else about it). */
  availability: ['restaurant_key', 'owner', 'staff'],
  /** Move an order or a reservation along. */
  status: ['restaurant_key', 'owner', 'staff'],
  /** Invite people, list members, change or remove a membership: people, not machines. */
  members: ['owner'],
  /** Read who changed what. */
  audit: ['owner'],
}

const AVAILABILITY_FIELDS = new Set(['available', 'available_again_at'])
const onlyAvailability = (body: unknown) => {
  const keys = body && typeof body === 'object' ? Object.keys(body) : []
  return keys.length > 0 && keys.every((key) => AVAILABILITY_FIELDS.has(key))
}

/** Routes whose right is not the default for their method, keyed `METHOD /route/:pattern`. */
export const ROUTE_RIGHTS: Record<string, Right | ((body: unknown) => Right)> = {
  'PATCH /api/restaurants/:id/menu-items/:itemId': (body) => (onlyAvailability(body) ? 'availability' : 'write'),
  'POST /api/restaurants/:id/invites': 'members',
  'GET /api/restaurants/:id/members': 'members',
  'PATCH /api/restaurants/:id/members/:userId': 'members',
  'DELETE /api/restaurants/:id/members/:userId': 'members',
  'GET /api/restaurants/:id/audit': 'audit',
  // "Try it" only reads: what the assistant would be told, nothing recorded.
  'POST /api/restaurants/:id/try': 'read',
  'PATCH /api/restaurants/:id/reservations/:reservationId': 'status',
  // Staff move orders along (accept, ready, complete, cancel); nothing else about an order changes.
  'PATCH /api/restaurants/:id/orders/:orderId': 'status',
  // Staff mark messages and event requests done (or open again).
  'PATCH /api/restaurants/:id/messages/:messageId': 'status',
}

export function rightFor(request: FastifyRequest): Right {
  const method = request.method === 'HEAD' ? 'GET' : request.method
  const rule = ROUTE_RIGHTS[`${method} ${request.routeOptions.url}`]
  if (typeof rule === 'function') return rule(request.body)
  return rule ?? (method === 'GET' ? 'read' : 'write')
}

export const holds = (holder: Holder, right: Right) => RIGHTS[right].includes(holder)

const forbidden = (right: Right) =>
  new AppError('forbidden', `Your role does not allow this (${right} rights are needed)`, 403)

/** Routes whose restaurant is that of a row named in the path, found before the rights apply. */
const RESTAURANT_OF: Record<string, (db: Database, params: Record<string, string>) => Promise<string | null>> = {
  '/api/calls/:id': async (db, { id }) => {
    const [row] = await db
      .select({ restaurantId: callHistory.restaurantId })
      .from(callHistory)
      .where(eq(callHistory.id, id!))
      .limit(1)
    return row?.restaurantId ?? null
  },
}

/**
 * After validation, before each handler: a restaurant key is held to its rights, and a member's
 * session becomes a caller scoped to the restaurant the request names (path, query, body, or the
 * row it addresses; the only one when they have one), with their role there. Not a member
 * there: 404, the same as for a restaurant that does not exist.
 */
export function registerRights(app: AppInstance, db: Database) {
  // Added only to the routes guarded by requireOperatorOrRestaurant (before they are registered):
  // operator-only, webhook and public routes run no extra hook.
  app.addHook('onRoute', (route) => {
    const guards = [route.onRequest].flat()
    if (!guards.some((guard) => guard && SCOPED_GUARD in guard)) return
    route.preHandler = [scopeToRestaurant, ...[route.preHandler ?? []].flat()]
  })
  async function scopeToRestaurant(request: FastifyRequest) {
    const { caller, session } = request
    if (caller?.kind === 'restaurant' && !caller.user) {
      const right = rightFor(request)
      if (!holds('restaurant_key', right)) throw forbidden(right)
      return
    }
    if (caller || !session || !request.memberScopePending) return
    const route = request.routeOptions.url ?? ''
    const params = (request.params ?? {}) as Record<string, string>
    let restaurantId: string | undefined
    if (route.startsWith('/api/restaurants/:id')) restaurantId = params.id
    else if (RESTAURANT_OF[route]) {
      restaurantId = (await RESTAURANT_OF[route](db, params)) ?? undefined
      if (!restaurantId || !session.memberships.some((m) => m.restaurantId === restaurantId)) throw notFound('Call')
    } else {
      const query = request.query as { restaurant_id?: string } | undefined
      const body = request.body as { restaurant_id?: unknown } | undefined
      restaurantId =
        query?.restaurant_id ??
        (typeof body?.restaurant_id === 'string' ? body.restaurant_id : undefined) ??
        (session.memberships.length === 1 ? session.memberships[0]!.restaurantId : undefined)
    }
    if (restaurantId === undefined)
      throw new AppError('validation_error', 'restaurant_id is required when you belong to several restaurants', 400)
    const membership = session.memberships.find((m) => m.restaurantId === restaurantId)
    if (!membership) throw notFound('Restaurant')
    const right = rightFor(request)
    if (!holds(membership.role, right)) throw forbidden(right)
    request.caller = { kind: 'restaurant', restaurantId, role: membership.role, user: session.user }
  }
}

import { eq } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../infra/db/database.ts'
import { restaurants } from '../infra/db/schema.ts'
import { type Accounts, SESSION_COOKIE } from '../modules/accounts/accounts.service.ts'
import type { Role } from '../modules/accounts/accounts.tables.ts'
import type { Session, SessionUser } from '../modules/accounts/sessions.ts'
import { AppError, notFound, unauthorized } from './errors.ts'
import { hashApiKey, secretEquals } from './secrets.ts'

/**
 * Who a request acts as, once authorised: the operator (ADMIN_API_KEY or an operator's session),
 * or one restaurant (its API key, or a member's session scoped to that restaurant, with the
 * member's role). `user` is set when a person signed in.
 */
export type Caller =
  | { kind: 'operator'; user?: SessionUser }
  | { kind: 'restaurant'; restaurantId: string; role?: Role; user?: SessionUser }

/** A credential before authorisation: a member's session is scoped to a restaurant later (app/rights.ts). */
export type Identity = Caller | { kind: 'member'; session: Session }

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller
    /** The live session the request came with (cookie), when it was authenticated by one. */
    session?: Session
    /** A member's session awaiting its restaurant scope (app/rights.ts), set by the route's guard. */
    memberScopePending?: boolean
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}

/** The session cookie's value, parsed from the Cookie header on demand. */
export function sessionCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie
  if (typeof header !== 'string' || !header.includes(SESSION_COOKIE)) return undefined
  return request.server.parseCookie(header)[SESSION_COOKIE]
}

/** A browser sending a write from a page of another site: refused whatever it carries. */
export function assertSameOrigin(request: FastifyRequest, accounts: Pick<Accounts, 'trustedOrigins'>) {
  const origin = request.headers.origin
  if (origin === undefined) return
  if (origin === `${request.protocol}://${request.host}` || accounts.trustedOrigins.includes(origin)) return
  throw new AppError('forbidden_origin', 'Requests from another site are refused', 403)
}

/**
 * The session of a cookie-authenticated request. Writes must carry the session's CSRF token
 * (from GET /api/auth/me) and come from our own origin: a cookie alone never changes anything.
 */
export async function sessionFromCookie(request: FastifyRequest, accounts: Accounts): Promise<Session> {
  const sessionId = sessionCookieOf(request)
  if (!sessionId) throw unauthorized()
  const session = await accounts.sessions.resolve(sessionId)
  if (!session) throw unauthorized('Your session has ended; sign in again')
  if (UNSAFE_METHODS.has(request.method)) {
    assertSameOrigin(request, accounts)
    const given = request.headers['x-csrf-token']
    if (typeof given !== 'string' || !secretEquals(given, session.csrfToken))
      throw new AppError('csrf_failed', 'This request needs the X-CSRF-Token header from GET /api/auth/me', 403)
  }
  request.session = session
  return session
}

/**
 * Who is calling: the operator key, a restaurant key, or (without a bearer credential) a session
 * cookie. A bearer credential wins over a cookie, so machine requests behave exactly as before.
 * Resolved once per request: the rate limiter asks first (to count the request against its
 * caller), then the route's guard gets the same answer without a second lookup.
 */
export function createCallerResolver({
  db,
  adminApiKey,
  accounts,
}: {
  db: Database
  adminApiKey: string
  accounts: Accounts
}) {
  const resolved = new WeakMap<FastifyRequest, Promise<Identity>>()
  return function resolveCaller(request: FastifyRequest): Promise<Identity> {
    let identity = resolved.get(request)
    if (!identity) {
      identity = lookUp(request)
      // The guard that awaits it later reports a rejection; until then it is not "unhandled".
      identity.catch(() => {})
      resolved.set(request, identity)
    }
    return identity
  }

  async function lookUp(request: FastifyRequest): Promise<Identity> {
    const token = bearerToken(request)
    if (token === undefined && request.headers.authorization === undefined) {
      const session = await sessionFromCookie(request, accounts)
      return session.user.isOperator ? { kind: 'operator', user: session.user } : { kind: 'member', session }
    }
    if (!token || token.length > 512) throw unauthorized()
    if (secretEquals(token, adminApiKey)) return { kind: 'operator' }
    // Looking a key up by its hash reveals nothing about the key through timing.
    const [row] = await db
      .select({ id: restaurants.id })
      .from(restaurants)
      .where(eq(restaurants.apiKeyHash, hashApiKey(token)))
      .limit(1)
    if (!row) throw unauthorized()
    return { kind: 'restaurant', restaurantId: row.id }
  }
}
export type CallerResolver = ReturnType<typeof createCallerResolver>

export function requireOperator(resolveCaller: CallerResolver) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const identity = await resolveCaller(request)
    if (identity.kind !== 'operator') throw new AppError('forbidden', 'This route is for the operator', 403)
    request.caller = identity
  }
}

/** Marks the guards whose routes get the rights check of app/rights.ts (keys' rights, members' scope). */
export const SCOPED_GUARD = Symbol('scoped guard')

/** A member's session is scoped to one of their restaurants, with their role's rights, in app/rights.ts. */
export function requireOperatorOrRestaurant(resolveCaller: CallerResolver) {
  const guard = async (request: FastifyRequest, _reply: FastifyReply) => {
    const identity = await resolveCaller(request)
    if (identity.kind === 'member') request.memberScopePending = true
    else request.caller = identity
  }
  return Object.assign(guard, { [SCOPED_GUARD]: true })
}

/**
 * The restaurant a request may act on. A restaurant key on another restaurant's id gets the
 * same 404 as an id that does not exist, so keys cannot probe which restaurants exist.
 */
export function restaurantScope(caller: Caller | undefined, requestedId: string | undefined): string {
  if (!caller) throw unauthorized()
  if (caller.kind === 'restaurant') {
    if (requestedId !== undefined && requestedId !== caller.restaurantId) throw notFound('Restaurant')
    return caller.restaurantId
  }
  if (requestedId === undefined)
    throw new AppError('validation_error', 'restaurant_id is required for operator requests', 400)
  return requestedId
}

import { eq } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../infra/db/database.ts'
import { restaurants } from '../infra/db/schema.ts'
import { AppError, notFound, unauthorized } from '../shared/errors.ts'
import { hashApiKey, secretEquals } from '../shared/secrets.ts'

export type Caller = { kind: 'operator' } | { kind: 'restaurant'; restaurantId: string }

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}

/**
 * Who is calling: the operator (ADMIN_API_KEY) or one restaurant (its own API key). Resolved once
 * per request: the rate limiter asks first (to count the request against its caller), then the
 * route's guard gets the same answer without a second lookup.
 */
export function createCallerResolver({ db, adminApiKey }: { db: Database; adminApiKey: string }) {
  const resolved = new WeakMap<FastifyRequest, Promise<Caller>>()
  return function resolveCaller(request: FastifyRequest): Promise<Caller> {
    let caller = resolved.get(request)
    if (!caller) {
      caller = lookUp(request)
      // The guard that awaits it later reports a rejection; until then it is not "unhandled".
      caller.catch(() => {})
      resolved.set(request, caller)
    }
    return caller
  }

  async function lookUp(request: FastifyRequest): Promise<Caller> {
    const token = bearerToken(request)
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
    const caller = await resolveCaller(request)
    if (caller.kind !== 'operator') throw new AppError('forbidden', 'This route needs the operator key', 403)
    request.caller = caller
  }
}

export function requireOperatorOrRestaurant(resolveCaller: CallerResolver) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.caller = await resolveCaller(request)
  }
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

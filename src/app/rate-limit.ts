import rateLimit from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import type { CallerResolver } from '../shared/auth.ts'
import { AppError } from '../shared/errors.ts'
import type { AppInstance } from '../shared/http.ts'

/** Requests that are never counted: verified Vapi webhooks and routes that opt out (health probes). */
const UNLIMITED = 'unlimited'

/**
 * The rate limit, counted before any credential check answers (so a flood of bad credentials
 * meets 429, not endless 401s), against whoever the request proves to be:
 * - a verified Vapi webhook is not limited: every restaurant's calls carry the same secret, so
 *   one bucket for them would throttle the whole platform as one client, and a caller whose tool
 *   call gets 429 hears a failure;
 * - the operator key, each restaurant key and each signed-in person have their own bucket, whatever
 *   address they come from;
 * - anything without a valid credential for the route is counted by client address.
 */
export async function registerRateLimit(
  app: AppInstance,
  {
    perMinute,
    resolveCaller,
    hasVapiSecret,
  }: { perMinute: number; resolveCaller: CallerResolver; hasVapiSecret: (request: FastifyRequest) => boolean },
) {
  async function bucketOf(request: FastifyRequest): Promise<string> {
    if (request.routeOptions.config?.rateLimit === false) return UNLIMITED
    if (request.routeOptions.url?.startsWith('/api/vapi/')) {
      return hasVapiSecret(request) ? UNLIMITED : `ip:${request.ip}`
    }
    try {
      const identity = await resolveCaller(request)
      if (identity.kind === 'member') return `user:${identity.session.user.id}`
      if (identity.user) return `user:${identity.user.id}`
      return identity.kind === 'operator' ? 'operator' : `restaurant:${identity.restaurantId}`
    } catch (error) {
      // Refused credentials (401, or a cookie write without its CSRF token: 403) count against the
      // address; the guard answers them after. A database that cannot be reached is the server's
      // fault (503), not the caller's.
      if (error instanceof AppError && (error.statusCode === 401 || error.statusCode === 403)) return `ip:${request.ip}`
      throw error
    }
  }

  await app.register(rateLimit, {
    // Not as a route hook: those run after the routes' own guards, which answer 401 first.
    global: false,
    max: perMinute,
    timeWindow: '1 minute',
    keyGenerator: bucketOf,
    allowList: (_request, key) => key === UNLIMITED,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Rate limit exceeded, retry in ${context.after}`), { statusCode: 429 }),
  })
  // The first onRequest hook of every route, the 404 handler's included.
  app.addHook('onRequest', app.rateLimit())
}

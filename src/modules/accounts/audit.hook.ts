import type { FastifyReply, FastifyRequest } from 'fastify'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { AppInstance } from '../../shared/http.ts'
import { createAuditRepository } from './audit.repository.ts'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The restaurant a write was about: the caller's scope, else the one the path or body names. */
function restaurantOf(request: FastifyRequest): string | null {
  if (request.caller?.kind === 'restaurant') return request.caller.restaurantId
  const params = (request.params ?? {}) as Record<string, unknown>
  const body = request.body as { restaurant_id?: unknown } | undefined
  const candidate = (request.routeOptions.url ?? '').startsWith('/api/restaurants/:id')
    ? params.id
    : body?.restaurant_id
  return typeof candidate === 'string' && UUID.test(candidate) ? candidate : null
}

/**
 * Every successful write by an authenticated caller is recorded (who: user or key; the route
 * pattern, never the URL or body; the restaurant; when) before its response leaves, so the log
 * is complete when the client sees the answer. A failure to record is logged, not surfaced: the
 * write itself has happened.
 */
export function registerAuditLog(app: AppInstance, database: DatabaseHandle) {
  // A callback hook: the requests it does not concern (webhooks, reads) cost no promise.
  app.addHook('onSend', (request, reply, _payload, done) => {
    const { caller } = request
    if (!caller || !WRITES.has(request.method) || reply.statusCode >= 400) return done()
    void record(request, reply, caller).then(() => done())
  })
  async function record(request: FastifyRequest, reply: FastifyReply, caller: NonNullable<FastifyRequest['caller']>) {
    const user = caller.user
    try {
      await createAuditRepository({ db: database.db }).record({
        restaurantId: restaurantOf(request),
        actorKind: user ? 'user' : caller.kind === 'operator' ? 'operator_key' : 'restaurant_key',
        userId: user?.id ?? null,
        userEmail: user?.email ?? null,
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        statusCode: reply.statusCode,
      })
    } catch (error) {
      request.log.error({ err: error }, 'audit record failed')
    }
  }
}

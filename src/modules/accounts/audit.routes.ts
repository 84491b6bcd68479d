import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import { badRequest } from '../../shared/errors.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { AuditPageSchema, AuditQuerySchema } from './accounts.schemas.ts'
import { type AuditCursor, createAuditRepository } from './audit.repository.ts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema }

const encodeCursor = (c: AuditCursor) => Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url')
function decodeCursor(cursor: string): AuditCursor {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const createdAt = new Date(at ?? '')
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime()))
    throw badRequest('querystring.cursor is not a cursor this server gave', [
      { field: 'querystring.cursor', problem: 'is not a cursor this server gave' },
    ])
  return { createdAt, id }
}

export type AuditRoutesDeps = { database: DatabaseHandle }

export function setupAuditRoutes(app: AppInstance, deps: AuditRoutesDeps, { resolveCaller }: RouteContext) {
  const { database } = deps
  app.get(
    '/api/restaurants/:id/audit',
    {
      onRequest: requireOperatorOrRestaurant(resolveCaller),
      schema: {
        tags: ['accounts'],
        summary: 'Who changed what in this restaurant, newest first',
        params: IdParams,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      await getRestaurantOrThrow({ database, restaurantId })
      const before = request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor)
      const { entries, more } = await database.withTenant(restaurantId, (tx) =>
        createAuditRepository({ db: tx }).list({ restaurantId, limit: request.query.limit, before }),
      )
      const last = entries.at(-1)
      return {
        data: entries.map((e) => ({
          id: e.id,
          at: e.createdAt.toISOString(),
          actor: { kind: e.actorKind, user_id: e.userId, email: e.userEmail },
          method: e.method,
          route: e.route,
          status_code: e.statusCode,
        })),
        next_cursor: more && last ? encodeCursor(last) : null,
      }
    },
  )
}

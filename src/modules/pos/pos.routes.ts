import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { requireOperatorOrRestaurant, restaurantScope, sessionCookieOf } from '../../shared/auth.ts'
import { AppError, unauthorized } from '../../shared/errors.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import type { Accounts } from '../accounts/accounts.service.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { createPosService, type PosServiceDeps } from './pos.service.ts'
import {
  connectionStatus,
  connectWithToken,
  disconnect,
  finishOAuth,
  getConnection,
  startOAuth,
} from './pos-connections.usecases.ts'
import { applyPosEvents } from './pos-events.usecases.ts'
import { syncCatalog } from './pos-sync.usecases.ts'

export type PosRoutesDeps = Omit<PosServiceDeps, 'logger'> & {
  config: PosServiceDeps['config'] & { publicBackendUrl?: string; publicAppUrl?: string }
  accounts: Pick<Accounts, 'sessions'>
  /** The poller stops before the database closes. */
  closers: Array<() => Promise<void>>
}

const tags = ['integrations']
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  502: ErrorSchema,
}
const SquareStatus = Type.Object({
  connected: Type.Boolean(),
  merchant_id: Type.Optional(Type.String()),
  location_id: Type.Optional(Type.String()),
  sync_state: Type.String(),
  last_sync_at: Type.Optional(Type.String()),
  last_error: Type.Optional(Type.String()),
})
const SyncReport = Type.Object({
  items: Type.Integer(),
  modifiers: Type.Integer(),
  unchanged: Type.Integer(),
  removed: Type.Integer(),
  skipped: Type.Array(Type.Object({ id: Type.String(), type: Type.String(), reason: Type.String() })),
})
const WEBHOOK_BODY_LIMIT = 1_048_576

/** Square: connect (own token or OAuth), sync the catalog, receive its webhooks; the order pusher runs here. */
export function setupPosRoutes(app: AppInstance, deps: PosRoutesDeps, { resolveCaller }: RouteContext) {
  const pos = createPosService({ ...deps, logger: app.log })
  const ctx = pos.context
  app.addHook('onReady', async () => pos.start())
  deps.closers.push(() => pos.close())
  const onRequest = requireOperatorOrRestaurant(resolveCaller)
  const scoped = async (request: FastifyRequest) => {
    const restaurantId = restaurantScope(request.caller, (request.params as { id: string }).id)
    await getRestaurantOrThrow({ database: deps.database, restaurantId })
    return restaurantId
  }
  const origin = (request: FastifyRequest) => deps.config.publicBackendUrl ?? `${request.protocol}://${request.host}`
  const callbackUrl = (request: FastifyRequest) => `${origin(request)}/api/integrations/square/callback`

  app.get(
    '/api/restaurants/:id/integrations',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Point-of-sale connections (never a token)',
        params: IdParams,
        response: { 200: Type.Object({ square: SquareStatus }), ...errors },
      },
    },
    async (request) => ({ square: connectionStatus(await getConnection(ctx, await scoped(request))) }),
  )

  app.put(
    '/api/restaurants/:id/integrations/square',
    {
      onRequest,
      schema: {
        tags,
        summary: "Connect Square with the seller's own access token, checked against the location",
        params: IdParams,
        body: Type.Object(
          {
            // A token is visible ASCII: anything else could not travel in an Authorization header.
            access_token: Type.String({ minLength: 10, maxLength: 1024, pattern: '^[!-~]+$' }),
            location_id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ square: SquareStatus }), ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      if (!pos.canStoreTokens)
        throw new AppError('secrets_key_missing', 'SECRETS_KEY must be set to store Square tokens', 409)
      const { access_token: accessToken, location_id: locationId } = request.body
      return { square: connectionStatus(await connectWithToken(ctx, { restaurantId, accessToken, locationId })) }
    },
  )

  app.delete(
    '/api/restaurants/:id/integrations/square',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Disconnect Square (revokes what OAuth granted)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await disconnect(ctx, await scoped(request))
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/restaurants/:id/integrations/square/connect',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Start Square OAuth for the signed-in owner',
        params: IdParams,
        response: { 200: Type.Object({ authorize_url: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      if (!pos.canStoreTokens)
        throw new AppError('secrets_key_missing', 'SECRETS_KEY must be set to store Square tokens', 409)
      return startOAuth(ctx, { restaurantId, userId: request.caller?.user?.id, redirectUri: callbackUrl(request) })
    },
  )

  app.post(
    '/api/restaurants/:id/integrations/square/sync',
    {
      onRequest,
      schema: {
        tags,
        summary: "Import the location's catalog into the menu",
        params: IdParams,
        response: { 200: SyncReport, ...errors },
      },
    },
    async (request) => syncCatalog(ctx, await scoped(request)),
  )

  app.get(
    '/api/integrations/square/callback',
    {
      schema: {
        tags,
        summary: "Square's OAuth redirect: stores the tokens, then opens the dashboard's Settings",
        querystring: Type.Object({ code: Type.String({ maxLength: 2048 }), state: Type.String({ maxLength: 256 }) }),
        response: { 302: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      // The person who asked for the link must be the one coming back (their session cookie).
      const sessionId = sessionCookieOf(request)
      const session = sessionId ? await deps.accounts.sessions.resolve(sessionId) : undefined
      if (!session) throw unauthorized('Sign in to the dashboard, then connect Square again')
      const { restaurantId } = await finishOAuth(ctx, {
        code: request.query.code,
        state: request.query.state,
        userId: session.user.id,
        redirectUri: callbackUrl(request),
      })
      return reply.redirect(`${deps.config.publicAppUrl ?? ''}/r/${restaurantId}/settings?square=connected`, 302)
    },
  )

  app.register(async (scope) => {
    // The signature covers the exact bytes Square sent, so they are kept as they came.
    scope.removeContentTypeParser('application/json')
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    )
    scope.post(
      '/api/integrations/square/webhook',
      {
        schema: {
          tags,
          summary: 'Square webhook deliveries (x-square-hmacsha256-signature)',
          response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors },
        },
      },
      async (request) => {
        const signature = request.headers['x-square-hmacsha256-signature']
        const events = ctx.provider.readWebhook({
          rawBody: typeof request.body === 'string' ? request.body : '',
          signature: typeof signature === 'string' ? signature : undefined,
          notificationUrl: `${origin(request)}/api/integrations/square/webhook`,
        })
        if (events === null) throw unauthorized('Missing or invalid Square signature')
        // Applied before answering: a failure answers 5xx, and Square delivers the event again.
        await applyPosEvents(ctx, events)
        return { ok: true }
      },
    )
  })
}

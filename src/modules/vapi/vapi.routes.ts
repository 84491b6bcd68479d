import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { CountryCode } from 'libphonenumber-js'
import type { Config } from '../../config.ts'
import type { Cache } from '../../infra/cache/cache.types.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { Metrics } from '../../infra/metrics/metrics.ts'
import type { SmsSender } from '../../infra/twilio/twilio-sms.ts'
import type { Clock, RestaurantEvents } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import type { Activity } from '../activity/activity.types.ts'
import type { CallRecorder } from '../calls/calls.types.ts'
import { createTodayDescriber } from '../hours/hours-today.ts'
import { createMessageToolHandlers } from '../messages/messages.tool.ts'
import type { Notifier } from '../notify/notify.types.ts'
import { createCatalogCache } from '../orders/catalog-cache.ts'
import { createOrderFollowUpHandlers } from '../orders/order-followup.tools.ts'
import { createOrderToolHandlers } from '../orders/order-tools.ts'
import { createReservationToolHandlers } from '../reservations/reservations.tool.ts'
import { ErrorSchema } from '../restaurants/restaurants.schemas.ts'
import { createTransferLog } from '../transfer/call-transfers.repository.ts'
import { answerTransferRequest } from '../transfer/transfer.usecases.ts'
import { createAnswerCache, registerAnswerCacheInvalidation } from './answer-cache.ts'
import { createAssistantResponder } from './assistant-request.usecases.ts'
import { createBackgroundTasks } from './background-tasks.ts'
import { createCallMemory } from './call-memory.ts'
import type { Tenant } from './tenant.repository.ts'
import { createTenantResolver } from './tenant-resolver.ts'
import { setupToolAskRoute } from './tool-ask.routes.ts'
import { createToolDispatcher } from './tool-calls.usecases.ts'
import { createToolHandlers, type ToolHandlersDeps } from './tool-handlers.ts'
import type { SharedAssistantSource } from './tools.types.ts'
import { VapiWebhookBody, VapiWebhookQuery, VapiWebhookResponse } from './vapi.schemas.ts'
import { vapiSecretGuard, verifyVapiSignature } from './vapi-auth.ts'
import { type VapiMessage, webhookTypeLabel } from './vapi-messages.models.ts'
import { createVapiWebhook } from './vapi-webhook.usecases.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The request body as received, for signature checks. */
    rawBody?: string
  }
}

/** End-of-call reports carry whole transcripts: more room than the API's default limit. */
export const WEBHOOK_BODY_LIMIT = 4 * 1_048_576

// The contract's three paths behave the same; the last two are the seed's.
const PATHS = ['/server', '/assistant-request', '/knowledge-base']

/**
 * Today's hours for assistant-request through the answer cache, as an hours answer: keyed by the
 * restaurant's local minute and dropped by every hours or special-date change, like get_hours_info.
 */
function cachedTodayDescriber(
  describe: ReturnType<typeof createTodayDescriber>,
  answerCache: ReturnType<typeof createAnswerCache>,
) {
  return async ({ restaurant, now }: { restaurant: Tenant; now: Date }) => {
    const key = {
      tool: 'get_hours_info' as const,
      query: '',
      variant: 'assistant-request:today',
      context: { restaurant, now, vapiCallId: null },
    }
    const cached = await answerCache.get(key)
    if (cached) return cached.metadata as Record<string, string>
    const variables = await describe({ restaurant, now })
    await answerCache.set({ ...key, answer: { result: '', metadata: variables } })
    return variables
  }
}

export type VapiRoutesDeps = ToolHandlersDeps & {
  /** Whole: the assistant's configuration is built from it. */
  config: Config
  database: DatabaseHandle
  clock: Clock
  restaurantEvents: RestaurantEvents
  cache: Cache
  sms: SmsSender | undefined
  activity: Activity
  notify: Notifier
  metrics: Metrics
  sharedAssistant: SharedAssistantSource
  callRecorder: CallRecorder
}

export async function setupVapiRoutes(app: AppInstance, deps: VapiRoutesDeps, { resolveCaller }: RouteContext) {
  const { config, clock, restaurantEvents } = deps
  const answerCache = createAnswerCache({ cache: deps.cache, ttlSeconds: config.cacheTtlSeconds })
  // Registered once the app is built, so that it runs after every listener added while building,
  // the knowledge indexer's included (see registerAnswerCacheInvalidation for why that matters).
  app.addHook('onReady', async () => registerAnswerCacheInvalidation({ restaurantEvents, answerCache }))

  // One resolver and one dispatcher: the webhook's, which the operator's ask route uses too.
  const resolver = createTenantResolver({
    database: deps.database,
    cache: deps.cache,
    callMemory: createCallMemory({ cache: deps.cache }),
    restaurantEvents,
    defaultCountry: config.twilioCountry as CountryCode,
  })
  const catalogCache = createCatalogCache({ cache: deps.cache, ttlSeconds: config.cacheTtlSeconds })
  catalogCache.register(restaurantEvents)
  const orderTools = createOrderToolHandlers({
    database: deps.database,
    sms: deps.sms,
    activity: deps.activity,
    logger: app.log.child({ component: 'orders' }),
    catalogCache,
    search: deps.knowledge.search,
  })
  app.addHook('onClose', async () => orderTools.drain())
  const answerToolCalls = createToolDispatcher({
    handlers: createToolHandlers(deps),
    actionHandlers: {
      ...orderTools.handlers,
      ...createOrderFollowUpHandlers({ database: deps.database, activity: deps.activity }),
      ...createReservationToolHandlers(deps),
      ...createMessageToolHandlers({ ...deps, defaultCountry: config.twilioCountry as CountryCode }),
    },
    answerCache,
    logger: app.log.child({ component: 'tools' }),
    metrics: deps.metrics,
    slowToolMs: config.slowToolMs,
  })
  setupToolAskRoute(app, { resolver, answerToolCalls, clock, resolveCaller })

  await app.register(
    async (plugin) => {
      const scope = plugin.withTypeProvider<TypeBoxTypeProvider>()
      const tasks = createBackgroundTasks({ logger: scope.log })
      scope.addHook('onClose', async () => tasks.drain())
      const handle = createVapiWebhook({
        resolver,
        answerToolCalls,
        answerTransfer: ({ tenant, now }) =>
          answerTransferRequest({ database: deps.database, restaurant: tenant, now }),
        respondToAssistantRequest: createAssistantResponder({
          config,
          sharedAssistant: deps.sharedAssistant,
          logger: scope.log,
          describeHoursToday: cachedTodayDescriber(createTodayDescriber(deps), answerCache),
        }),
        callRecorder: deps.callRecorder,
        transferLog: createTransferLog({ database: deps.database }),
        tasks,
        clock,
        logger: scope.log,
      })

      // Keep the exact bytes: the HMAC signature is computed over them, not over re-serialised JSON.
      const parseJson = scope.getDefaultJsonParser('error', 'error')
      scope.removeContentTypeParser('application/json')
      scope.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT },
        (request, body, done) => {
          request.rawBody = body as string
          void parseJson(request, body as string, done)
        },
      )

      // Counted once answered, refused ones included; an unparsed or unexpected type is not a label value.
      scope.addHook('onResponse', (request, reply, done) => {
        const type = (request.body as { message?: { type?: unknown } } | undefined)?.message?.type
        deps.metrics.webhookRequest({ type: webhookTypeLabel(type), status: reply.statusCode })
        done()
      })

      // One guard for the whole prefix: nobody can add a webhook route and forget it.
      const assertVapiSecret = vapiSecretGuard(config.vapiSecretKey)
      scope.addHook('onRequest', async (request) => assertVapiSecret(request))
      const hmacSecret = config.vapiWebhookHmacSecret
      if (hmacSecret) {
        scope.addHook('preValidation', async (request) =>
          verifyVapiSignature({
            secret: hmacSecret,
            signature: request.headers['x-signature'],
            timestamp: request.headers['x-timestamp'],
            rawBody: request.rawBody ?? '',
            now: clock.now(),
          }),
        )
      }

      for (const path of PATHS) {
        scope.post(
          path,
          {
            bodyLimit: WEBHOOK_BODY_LIMIT,
            schema: {
              tags: ['vapi'],
              summary: 'Every Vapi server message, dispatched on message.type',
              security: [{ vapiSecret: [] }, { bearer: [] }],
              querystring: VapiWebhookQuery,
              body: VapiWebhookBody,
              response: { 200: VapiWebhookResponse, 400: ErrorSchema, 401: ErrorSchema, 413: ErrorSchema },
            },
          },
          async (request) => {
            const header = request.headers['x-restaurant-id']
            const override = request.query.restaurant_id ?? (typeof header === 'string' ? header : undefined)
            return handle({ message: request.body.message as VapiMessage, override })
          },
        )
      }
    },
    { prefix: '/api/vapi' },
  )
}

import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import { type Logger, pino } from 'pino'
import { type Config, outboundPolicyOf } from '../config.ts'
import type { Cache } from '../infra/cache/cache.types.ts'
import { createMemoryCache } from '../infra/cache/memory-cache.ts'
import { createRedisCache } from '../infra/cache/redis-cache.ts'
import { createPgliteDatabase, createPostgresDatabase, type DatabaseHandle } from '../infra/db/database.ts'
import { migrate } from '../infra/db/migrate.ts'
import { readTemplate } from '../infra/db/pglite-template.ts'
import { createEmbeddingProvider, providerForModel } from '../infra/embeddings/embeddings.registry.ts'
import type { EmbeddingProvider } from '../infra/embeddings/embeddings.types.ts'
import { createMetrics, type Metrics } from '../infra/metrics/metrics.ts'
import type { OutboundGuard } from '../infra/outbound/outbound-request.ts'
import { createTwilioSms, type SmsSender } from '../infra/twilio/twilio-sms.ts'
import { type Accounts, createAccounts } from '../modules/accounts/accounts.service.ts'
import { createActivity } from '../modules/activity/activity.service.ts'
import type { Activity } from '../modules/activity/activity.types.ts'
import { createMemoryActivityBus, createRedisActivityBus } from '../modules/activity/activity-bus.ts'
import { createCallRecorder } from '../modules/calls/call-recorder.ts'
import type { CallRecorder } from '../modules/calls/calls.types.ts'
import { startCallRetention } from '../modules/calls/calls-retention.usecases.ts'
import { indexHealth } from '../modules/knowledge/index-status.usecases.ts'
import { createKnowledge, type Knowledge } from '../modules/knowledge/knowledge.service.ts'
import { createNotifier } from '../modules/notify/notify.service.ts'
import type { Notifier } from '../modules/notify/notify.types.ts'
import { buildPhoneAssigner, createPhoneProviders } from '../modules/phones/phone-providers.ts'
import type { PhoneAssigner, PhoneProviders } from '../modules/phones/phones.types.ts'
import type { SharedAssistantSource } from '../modules/vapi/tools.types.ts'
import { createSharedAssistantSource } from '../modules/vapi-sync/shared-assistant-source.ts'
import { type Clock, createRestaurantEvents, type RestaurantEvents, systemClock } from '../shared/events.ts'
import type { HealthCheck } from './health.routes.ts'

/** Everything the server is built from. Production and tests build it the same way. */
export type AppDeps = {
  config: Config
  database: DatabaseHandle
  clock: Clock
  restaurantEvents: RestaurantEvents
  healthChecks: Record<string, HealthCheck>
  phoneAssigner: PhoneAssigner
  /** Vapi and Twilio clients for the phone-number routes; undefined until Vapi is configured. */
  phoneProviders: PhoneProviders | undefined
  /** Stores call reports and tool invocations handed over by the Vapi webhook. */
  callRecorder: CallRecorder
  /** Tool answers, tenant lookups, call → restaurant memory: Redis with REDIS_URL, else in process. */
  cache: Cache
  sharedAssistant: SharedAssistantSource
  embeddings: EmbeddingProvider
  /** Search index of menus, modifiers and zones; indexes every data change (registered below). */
  knowledge: Knowledge
  /** This instance's Prometheus metrics (its own registry), recorded where the work happens. */
  metrics: Metrics
  /** Sessions, sign-in limits, mail and links for people's accounts. */
  accounts: Accounts
  /** Order confirmations by SMS: Twilio's Messages API when TWILIO_ACCOUNT_SID/AUTH_TOKEN are set. */
  sms: SmsSender | undefined
  /**
   * The restaurant activity stream: orders, reservations and ended calls, recorded in the writer's
   * transaction, published to every instance's event streams and POSTed to the order webhook.
   * Closed with the app (before the database), whatever `closers` holds.
   */
  activity: Activity
  /** Tells the restaurant's people (settings.notify) by SMS and e-mail, queued and retried. */
  notify: Notifier
  /** What URLs set by restaurant owners may reach (checked when set and at every request). */
  outbound: OutboundGuard
  /** Closed in reverse order when the server closes. */
  closers: Array<() => Promise<void>>
}

export async function openDatabase(
  config: Config,
  logger?: Pick<FastifyBaseLogger, 'error' | 'info'>,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return createPostgresDatabase({
      url: config.databaseUrl,
      poolSize: config.databasePoolSize,
      ssl: config.databaseSsl,
      onPoolError: (error) => logger?.error({ err: error }, 'idle database connection lost'),
    })
  }
  const dir = path.join(config.dataDir, 'pglite')
  await mkdir(dir, { recursive: true })
  // A new data directory starts from the template `npm install` prepared, when there is one.
  const template = existsSync(path.join(dir, 'PG_VERSION')) ? undefined : readTemplate()
  if (template) logger?.info('new embedded database: loading the prepared template')
  const database = await createPgliteDatabase({ dataDir: dir, ...(template && { loadDataDir: template }) })
  // The embedded database belongs to this process, so it is migrated on start.
  const { applied } = await migrate(database)
  if (applied.length > 0) logger?.info({ applied }, 'migrations applied')
  return database
}

/** Redis when REDIS_URL is set (shared by every instance; its outage degrades health), else in process. */
function openCache({
  config,
  clock,
  logger,
  healthChecks,
}: {
  config: Config
  clock: Clock
  logger: Logger
  healthChecks: Record<string, HealthCheck>
}): Cache & { redis?: Redis } {
  if (!config.redisUrl) return createMemoryCache({ clock })
  const cache = createRedisCache({
    url: config.redisUrl,
    onError: (error) => logger.error({ err: error }, 'redis unavailable; answering from the database'),
  })
  healthChecks.redis = () => cache.ping()
  return cache
}

/** Builds the services around an open database; `overrides` lets tests swap single parts. */
export function buildServices({
  config,
  database,
  overrides = {},
  logger,
}: {
  config: Config
  database: DatabaseHandle
  overrides?: Partial<AppDeps>
  logger?: Logger
}): AppDeps {
  const clock = overrides.clock ?? systemClock
  const log = logger ?? pino({ level: config.logLevel })
  const restaurantEvents = overrides.restaurantEvents ?? createRestaurantEvents()
  const phoneProviders = 'phoneProviders' in overrides ? overrides.phoneProviders : createPhoneProviders(config)
  const healthChecks: Record<string, HealthCheck> = { database: () => database.ping() }
  const cache = overrides.cache ?? openCache({ config, clock, logger: log, healthChecks })
  const closers: AppDeps['closers'] = [() => database.close(), () => cache.close()]
  // Unset CALL_RETENTION_DAYS keeps calls forever; the purge timer stops before the database closes.
  if (config.callRetentionDays !== undefined) {
    closers.push(startCallRetention({ database, clock, retentionDays: config.callRetentionDays, logger: log }))
  }
  const metrics = overrides.metrics ?? createMetrics({ enabled: config.metricsEnabled })
  closers.push(async () => metrics.close())
  const onRequest = (outcome: 'ok' | 'error' | 'aborted') =>
    metrics.embeddingRequest({ provider: config.embeddingProvider, outcome })
  const embeddings = overrides.embeddings ?? createEmbeddingProvider(config, { onRequest })
  const knowledge =
    overrides.knowledge ??
    createKnowledge({
      database,
      embeddings,
      // The models earlier vectors were made with, reached through the same server (during a change of model).
      providerFor: (model) => providerForModel(config, model, { onRequest }),
      clock,
      logger: log.child({ component: 'knowledge' }),
    })
  healthChecks.index = () => indexHealth({ database, currentModel: knowledge.embeddings.model })
  const accounts =
    overrides.accounts ??
    createAccounts({ config, database, cache, clock, logger: log.child({ component: 'accounts' }) })
  closers.push(async () => accounts.mailer.close())
  // Redis pub/sub through the cache's connection when the cache is Redis's, else in process.
  const redis = (cache as { redis?: Redis }).redis
  const outbound = overrides.outbound ?? { policy: outboundPolicyOf(config) }
  const activity =
    overrides.activity ??
    createActivity({
      database,
      clock,
      outbound,
      logger: log.child({ component: 'activity' }),
      onDelivery: (outcome) => metrics.orderWebhookDelivery({ outcome }),
      bus: redis
        ? createRedisActivityBus({
            redis,
            onError: (error) => log.error({ err: error }, 'activity subscriber lost redis; reconnecting'),
          })
        : createMemoryActivityBus(),
    })
  // Sessions carry their restaurants' names and memberships: a deleted or renamed restaurant refreshes them.
  restaurantEvents.onChanged(async (change) => {
    if (change.deleted || change.categories.includes('restaurant')) await accounts.sessions.changed()
  })
  // Listener order matters: the index is rewritten first, then (registered later) the answer cache is invalidated.
  restaurantEvents.onChanging(knowledge.onRestaurantChanging)
  restaurantEvents.onChanged(knowledge.onRestaurantChanged)
  const sms =
    config.twilioAccountSid && config.twilioAuthToken
      ? createTwilioSms({
          accountSid: config.twilioAccountSid,
          authToken: config.twilioAuthToken,
          baseUrl: config.twilioApiBaseUrl,
          timeoutSeconds: config.twilioTimeoutSeconds,
        })
      : undefined
  const notify =
    overrides.notify ??
    createNotifier({ database, sms, mailer: accounts.mailer, logger: log.child({ component: 'notify' }) })
  return {
    config,
    database,
    clock,
    sms,
    notify,
    restaurantEvents,
    healthChecks,
    phoneAssigner: buildPhoneAssigner({ config, database, restaurantEvents, providers: phoneProviders }),
    phoneProviders,
    callRecorder: createCallRecorder({ database, clock, activity, logger: log.child({ component: 'calls' }) }),
    cache,
    sharedAssistant: createSharedAssistantSource({ database, clock }),
    closers,
    embeddings,
    knowledge,
    metrics,
    accounts,
    activity,
    outbound,
    ...overrides,
  }
}

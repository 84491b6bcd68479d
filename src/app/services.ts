import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.ts'
import { createPgliteDatabase, createPostgresDatabase, type DatabaseHandle } from '../infra/db/database.ts'
import { migrate } from '../infra/db/migrate.ts'
import type { Cache } from '../infra/cache/cache.types.ts'
import { createMemoryCache } from '../infra/cache/memory-cache.ts'
import type { SharedAssistantSource } from '../modules/vapi/tools.types.ts'
import { createRestaurantEvents, systemClock, type Clock, type RestaurantEvents } from '../shared/events.ts'
import type { HealthCheck } from './health.routes.ts'
import { createCallRecorder, type CallsLogger } from '../modules/calls/call-recorder.ts'
import { startCallRetention } from '../modules/calls/calls-retention.usecases.ts'
import type { CallRecorder } from '../modules/calls/calls.types.ts'

export type PhoneAssignment = {
  status: 'assigned' | 'failed' | 'not_configured'
  phone_number?: string
  source?: string
  reason?: string
}

/** Gives restaurants phone numbers and takes them back (the phones module implements it). */
export type PhoneAssigner = {
  assign(input: { restaurantId: string; forceTwilio: boolean; areaCode?: string }): Promise<PhoneAssignment>
  releaseAll(input: { restaurantId: string; releaseAtProvider: boolean }): Promise<void>
}

export const unconfiguredPhoneAssigner: PhoneAssigner = {
  assign: async () => ({ status: 'not_configured', reason: 'Phone provisioning needs VAPI_API_KEY and PUBLIC_BACKEND_URL' }),
  releaseAll: async () => {},
}

/** Until provisioning syncs the shared assistant, assistant-request answers with a transient one. */
export const unsyncedSharedAssistant: SharedAssistantSource = { assistantId: async () => undefined }

/** Everything the server is built from. Production and tests build it the same way. */
export type AppDeps = {
  config: Config
  database: DatabaseHandle
  clock: Clock
  restaurantEvents: RestaurantEvents
  healthChecks: Record<string, HealthCheck>
  phoneAssigner: PhoneAssigner
  /** Stores call reports and tool invocations handed over by the Vapi webhook. */
  callRecorder: CallRecorder
  /** Tool answers, call → restaurant memory; in-process until REDIS_URL is wired. */
  cache: Cache
  sharedAssistant: SharedAssistantSource
  /** Closed in reverse order when the server closes. */
  closers: Array<() => Promise<void>>
}

export async function openDatabase(config: Config, logger?: Pick<FastifyBaseLogger, 'error' | 'info'>): Promise<DatabaseHandle> {
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
  const database = await createPgliteDatabase({ dataDir: dir })
  // The embedded database belongs to this process, so it is migrated on start.
  const { applied } = await migrate(database)
  if (applied.length > 0) logger?.info({ applied }, 'migrations applied')
  return database
}

/** Builds the services around an open database; `overrides` lets tests swap single parts. */
export function buildServices({ config, database, overrides = {}, logger }: {
  config: Config
  database: DatabaseHandle
  overrides?: Partial<AppDeps>
  logger?: CallsLogger
}): AppDeps {
  const clock = overrides.clock ?? systemClock
  const cache = overrides.cache ?? createMemoryCache({ clock })
  const closers: AppDeps['closers'] = [() => database.close(), () => cache.close()]
  // Unset CALL_RETENTION_DAYS keeps calls forever; the purge timer stops before the database closes.
  if (config.callRetentionDays !== undefined) {
    closers.push(startCallRetention({ database, clock, retentionDays: config.callRetentionDays, logger }))
  }
  return {
    config,
    database,
    clock,
    restaurantEvents: createRestaurantEvents(),
    healthChecks: { database: () => database.ping() },
    phoneAssigner: unconfiguredPhoneAssigner,
    callRecorder: createCallRecorder({ database, clock, logger }),
    cache,
    sharedAssistant: unsyncedSharedAssistant,
    closers,
    ...overrides,
  }
}

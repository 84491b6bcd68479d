import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.ts'
import { createPgliteDatabase, createPostgresDatabase, type DatabaseHandle } from '../infra/db/database.ts'
import { migrate } from '../infra/db/migrate.ts'
import { createRestaurantEvents, systemClock, type Clock, type RestaurantEvents } from '../shared/events.ts'
import type { HealthCheck } from './health.routes.ts'
import { pino } from 'pino'
import { createEmbeddingProvider } from '../infra/embeddings/embeddings.registry.ts'
import type { EmbeddingProvider } from '../infra/embeddings/embeddings.types.ts'
import { createKnowledge, type Knowledge } from '../modules/knowledge/knowledge.service.ts'

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

/** Everything the server is built from. Production and tests build it the same way. */
export type AppDeps = {
  config: Config
  database: DatabaseHandle
  clock: Clock
  restaurantEvents: RestaurantEvents
  healthChecks: Record<string, HealthCheck>
  phoneAssigner: PhoneAssigner
  embeddings: EmbeddingProvider
  /** Search index of menus, modifiers and zones; indexes every data change (registered below). */
  knowledge: Knowledge
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
export function buildServices({ config, database, overrides = {} }: {
  config: Config
  database: DatabaseHandle
  overrides?: Partial<AppDeps>
}): AppDeps {
  const clock = overrides.clock ?? systemClock
  const restaurantEvents = overrides.restaurantEvents ?? createRestaurantEvents()
  const embeddings = overrides.embeddings ?? createEmbeddingProvider(config)
  const logger = pino({ level: config.logLevel, base: { component: 'knowledge' } })
  const knowledge = overrides.knowledge ?? createKnowledge({ database, embeddings, clock, logger })
  restaurantEvents.onChanged(knowledge.onRestaurantChanged)
  return {
    config,
    database,
    clock,
    restaurantEvents,
    healthChecks: { database: () => database.ping() },
    phoneAssigner: unconfiguredPhoneAssigner,
    embeddings,
    knowledge,
    closers: [() => database.close()],
    ...overrides,
  }
}

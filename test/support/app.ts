import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type AppInstance, createServer, type ServerOptions } from '../../src/app/server.ts'
import { type AppDeps, buildServices } from '../../src/app/services.ts'
import { type Config, overrideConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/infra/db/database.ts'
import type { Backend } from './database.ts'

export const ADMIN_KEY = 'test-admin-key-0123456789'
export const VAPI_SECRET = 'test-vapi-secret-0123456789'
export const admin = { authorization: `Bearer ${ADMIN_KEY}` }
export const vapi = { 'x-vapi-secret': VAPI_SECRET }
export const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

/** The repository's own example restaurants and questions (what the README's commands use). */
export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples')

export function loadExampleBundle(name: 'petit-bistro' | 'sakura-ramen' | 'nonnas-pizzeria'): Record<string, any> {
  return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, 'restaurants', `${name}.json`), 'utf8'))
}

export type TestApp = {
  app: AppInstance
  deps: AppDeps
  database: DatabaseHandle
  /** Creates a restaurant through the API; returns the 201 body. */
  createRestaurant(bundle: Record<string, unknown>): Promise<{ id: string; api_key: string; [key: string]: unknown }>
  close(): Promise<void>
}

export type TestAppOptions = {
  config?: Partial<Config>
  overrides?: Partial<AppDeps>
  /** Reuse a database (e.g. to simulate a restart); otherwise the backend makes a new one. */
  database?: DatabaseHandle
  /** Called with the services before the server is built, e.g. to wire extra collaborators. */
  prepare?: (deps: AppDeps) => void | Promise<void>
  /** Fastify's logger, e.g. a pino instance writing into memory; none by default. */
  server?: ServerOptions
}

/** Builds the production app on a test database, exactly as start.ts does, without listening. */
export async function createTestApp(backend: Backend, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await backend.create())
  const config = overrideConfig({
    adminApiKey: ADMIN_KEY,
    vapiSecretKey: VAPI_SECRET,
    logLevel: 'silent',
    devSecrets: [],
    ...options.config,
  })
  const deps = await buildServices({ config, database, overrides: options.overrides })
  await options.prepare?.(deps)
  const app = await createServer(deps, options.server)
  await app.ready()
  return {
    app,
    deps,
    database,
    async createRestaurant(bundle) {
      const response = await app.inject({ method: 'POST', url: '/api/restaurants', headers: admin, payload: bundle })
      if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`)
      return response.json()
    },
    close: () => app.close(),
  }
}

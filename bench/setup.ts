// What every server bench starts from: its database (embedded, or a PostgreSQL, throwaway or given)
// and the three example restaurants loaded through the API.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { startPostgres } from '../scripts/test-services.mjs'
import { createPostgresDatabase } from '../src/infra/db/database.ts'
import { migrate } from '../src/infra/db/migrate.ts'
import { BENCH_ADMIN_KEY } from '../test/support/server-process.ts'
import { BENCH_ORDER_SETTINGS } from './scenarios.ts'

const EXAMPLES_DIR = path.resolve(import.meta.dirname, '../examples/restaurants')

/** Preloaded into the server process: the constant-answer POST route (bench/constant-route.mjs). */
export const CONSTANT_ROUTE_ARGS = ['--import', path.join(import.meta.dirname, 'constant-route.mjs')]

/** The database the server runs on: its env, a label, and how to clean up. */
export async function openDatabase(
  postgres = process.env.BENCH_POSTGRES === '1' || process.argv.includes('postgres'),
): Promise<{ env: Record<string, string>; label: string; stop(): void }> {
  let url = process.env.DATABASE_URL
  let stop = () => {}
  let label = 'PostgreSQL (DATABASE_URL)'
  if (!url && postgres) {
    const server = await startPostgres()
    if (!server)
      throw new Error('BENCH_POSTGRES: no PostgreSQL with pgvector on this machine (see .ci/run), or set DATABASE_URL')
    url = server.url
    stop = () => server.stop()
    label = 'PostgreSQL 15 (throwaway, local)'
  }
  if (!url) return { env: {}, label: 'embedded PGlite', stop }
  // The server never migrates a PostgreSQL it is given (that is `npm run migrate`'s job).
  const database = await createPostgresDatabase({ url, poolSize: 1 })
  await migrate(database)
  await database.close()
  const poolSize = process.env.DATABASE_POOL_SIZE ?? '10'
  return { env: { DATABASE_URL: url }, label: `${label}, pool of ${poolSize} connections`, stop }
}

/** The three example restaurants, through the API; returns the phone number of Le Petit Bistro. */
export async function loadRestaurants(url: string): Promise<string> {
  let phone = ''
  for (const file of readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const bundle = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'))
    if (file.startsWith('petit-bistro')) bundle.settings = BENCH_ORDER_SETTINGS
    const response = await fetch(`${url}/api/restaurants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(bundle),
    })
    if (response.status !== 201 && response.status !== 409)
      throw new Error(`loading ${file}: ${response.status} ${await response.text()}`)
    if (file.startsWith('petit-bistro')) phone = bundle.phone_numbers[0]
  }
  return phone
}

/** startServerProcess waits a minute; on a machine others load, a start can take longer. */
export async function waitUntilServing(url: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/api/health/live`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`the server at ${url} did not answer within ${timeoutMs / 1000} s`)
}

import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createPgliteDatabase, createPostgresDatabase, type DatabaseHandle } from '../../src/infra/db/database.ts'
import { MIGRATIONS_DIR, migrate } from '../../src/infra/db/migrate.ts'

export type Backend = { name: 'pglite' | 'postgres'; create(): Promise<DatabaseHandle & { url?: string }> }

function migrationsFingerprint() {
  const hash = createHash('sha256')
  for (const file of readdirSync(MIGRATIONS_DIR).sort())
    hash.update(file).update(readFileSync(path.join(MIGRATIONS_DIR, file)))
  return hash.digest('hex').slice(0, 16)
}

/**
 * A migrated, empty PGlite. Creating one from scratch takes seconds, so the first test
 * process dumps a migrated data directory and later ones load it.
 */
async function createTestPglite(): Promise<DatabaseHandle> {
  const template = path.join(tmpdir(), `rv-pglite-template-${migrationsFingerprint()}.tar.gz`)
  if (existsSync(template)) {
    const blob = new Blob([readFileSync(template)])
    const handle = await createPgliteDatabase({ loadDataDir: blob })
    await migrate(handle)
    return handle
  }
  const handle = await createPgliteDatabase()
  await migrate(handle)
  const dump = await handle.client!.dumpDataDir('gzip')
  const temporary = `${template}.${process.pid}.tmp`
  writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()))
  renameSync(temporary, template)
  return handle
}

/** A fresh database on the test PostgreSQL server, migrated; dropped when closed. */
async function createTestPostgres(serverUrl: string): Promise<DatabaseHandle & { url: string }> {
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  // CREATE DATABASE copies template1 and fails while another test file is copying it too.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name}`)
      break
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String((error as Error).message))) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200))
    }
  }
  // Roles belong to the cluster, not to a database: two files migrating their first databases at the
  // same moment would both find no tenant role (migration 0001) and both create it. Made here first.
  await admin.query(`DO $$ BEGIN
      CREATE ROLE restaurant_tenant NOLOGIN NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`)
  await admin.end()
  const url = serverUrl.replace(/\/[^/]*$/, `/${name}`)
  const handle = await createPostgresDatabase({ url, poolSize: 10 })
  await migrate(handle)
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close()
      const cleanup = new pg.Client({ connectionString: serverUrl })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {})
      await cleanup.end()
    },
  }
}

/** The databases every database-backed suite runs on: PGlite always, PostgreSQL when the test run started one. */
export function testBackends(): Backend[] {
  const backends: Backend[] = [{ name: 'pglite', create: createTestPglite }]
  const url = process.env.TEST_POSTGRES_URL
  if (url) backends.push({ name: 'postgres', create: () => createTestPostgres(url) })
  return backends
}

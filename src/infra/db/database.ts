import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { vector } from '@electric-sql/pglite-pgvector'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import { acquireDataDirLock } from './data-dir-lock.ts'
import { schema } from './schema.ts'

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
export type RawQuery = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>

/** The one handle the rest of the code gets; PGlite and PostgreSQL differ only behind it. */
export type DatabaseHandle = {
  kind: 'pglite' | 'postgres'
  db: Database
  /** The embedded engine itself (PGlite only), e.g. to dump its data directory. */
  client?: PGlite
  /** Runs `fn` in a transaction where row-level security confines every query to one restaurant. */
  withTenant<T>(restaurantId: string, fn: (tx: Database) => Promise<T>): Promise<T>
  /** A transaction on the driver itself, for multi-statement SQL such as migrations. */
  rawTransaction<T>(fn: (query: RawQuery) => Promise<T>): Promise<T>
  /**
   * One parameterised statement outside any transaction. Never a named prepared statement: those
   * break behind a transaction-mode pooler (Supabase's, docs/running.md); a PL/pgSQL function such
   * as tenant_search has its inner statements' plans cached per connection by PostgreSQL instead.
   */
  statement(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
  ping(): Promise<void>
  close(): Promise<void>
}

/** The rows of a raw `db.execute` (node-postgres and PGlite both answer `{ rows }`). */
export const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows

export const TENANT_ROLE = 'restaurant_tenant'

export async function scopeToTenant(tx: Database, restaurantId: string) {
  // Transaction-local (is_local = true): safe behind a transaction-mode pooler such as Supabase's.
  await tx.execute(
    sql`select set_config('app.restaurant_id', ${restaurantId}, true), set_config('role', ${TENANT_ROLE}, true)`,
  )
}

function tenantRunner(db: Database) {
  return <T>(restaurantId: string, fn: (tx: Database) => Promise<T>) =>
    db.transaction(async (tx) => {
      await scopeToTenant(tx as unknown as Database, restaurantId)
      return fn(tx as unknown as Database)
    })
}

const PGLITE_SHARED_BUFFERS = '16MB'

/**
 * Embedded PostgreSQL (PGlite + pgvector), persisted in `dataDir`, or in memory when it is undefined.
 * A data directory is this process's alone until closed (see data-dir-lock.ts): opening one another
 * process holds throws DataDirLockedError.
 */
export async function createPgliteDatabase({
  dataDir,
  loadDataDir,
}: {
  dataDir?: string
  loadDataDir?: Blob
} = {}): Promise<DatabaseHandle> {
  const lock = dataDir === undefined ? undefined : acquireDataDirLock(dataDir)
  let client: PGlite
  try {
    client = await PGlite.create(dataDir, {
      extensions: { vector, pg_trgm },
      // PostgreSQL's buffer cache lives in PGlite's WebAssembly memory: its default (128 MB) is
      // resident for good, while one process's restaurants fit in a few megabytes and the file
      // system caches the rest. 16 MB: the idle server went from 626 to 389 MB (npm run bench -- memory).
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      ...(loadDataDir && { loadDataDir }),
    })
  } catch (error) {
    lock?.release()
    throw error
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database
  return {
    kind: 'pglite',
    db,
    client,
    withTenant: tenantRunner(db),
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn(async (text, params) => {
          if (params && params.length > 0) return { rows: (await tx.query<Record<string, unknown>>(text, params)).rows }
          const results = await tx.exec(text)
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] }
        }),
      ),
    statement: async (text, params) => ({
      rows: (await client.query<Record<string, unknown>>(text, params)).rows,
    }),
    ping: async () => {
      await client.query('select 1')
    },
    close: async () => {
      try {
        if (!client.closed) await client.close()
      } finally {
        lock?.release()
      }
    },
  }
}

export type PostgresOptions = {
  url: string
  poolSize?: number
  ssl?: boolean
  onPoolError?: (error: Error) => void
}

/** A PostgreSQL server (Debian's, Supabase, …) with pgvector, through a node-postgres pool. */
export async function createPostgresDatabase({
  url,
  poolSize = 10,
  ssl = false,
  onPoolError,
}: PostgresOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ssl: ssl ? { rejectUnauthorized: false } : undefined,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  })
  // An idle client losing its connection (database restart) must not crash the process;
  // the pool drops it and the next query opens a fresh one.
  pool.on('error', (error) => onPoolError?.(error))
  // The pool listens for errors on idle clients only. A connection lost while a transaction holds its
  // client (PostgreSQL stopped mid-publish) would emit an unhandled 'error' and end the process. The
  // error is reported by that transaction's failing query (and, idle, by the pool's 'error' above).
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = drizzlePg(pool, { schema }) as unknown as Database
  return {
    kind: 'postgres',
    db,
    withTenant: tenantRunner(db),
    rawTransaction: async (fn) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(async (text, params) => ({ rows: (await client.query(text, params)).rows }))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    statement: async (text, params) => ({ rows: (await pool.query(text, params)).rows }),
    ping: async () => {
      await pool.query('select 1')
    },
    close: () => pool.end(),
  }
}

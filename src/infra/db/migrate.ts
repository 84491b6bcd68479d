import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { PROJECT_ROOT } from '../../shared/project-root.ts'
import type { DatabaseHandle } from './database.ts'

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations')
// Any constant works; it only has to be the same for every instance migrating the same database.
const MIGRATION_LOCK_KEY = 7_316_021_442

/**
 * Applies the pending `migrations/*.sql` files in name order, in one transaction, under an
 * advisory lock so that several instances starting at once apply each file exactly once.
 */
export async function migrate(database: DatabaseHandle, { dir = MIGRATIONS_DIR } = {}): Promise<{ applied: string[] }> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort()
  return database.rawTransaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
    await query(
      'CREATE TABLE IF NOT EXISTS schema_migrations ' +
        '(name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const { rows } = await query('SELECT name FROM schema_migrations')
    const done = new Set(rows.map((row) => row.name))
    const applied: string[] = []
    for (const file of files) {
      if (done.has(file)) continue
      await query(await readFile(path.join(dir, file), 'utf8'))
      await query('INSERT INTO schema_migrations (name) VALUES ($1)', [file])
      applied.push(file)
    }
    return { applied }
  })
}

import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PROJECT_ROOT } from '../../shared/project-root.ts'
import { createPgliteDatabase } from './database.ts'
import { MIGRATIONS_DIR, migrate } from './migrate.ts'

/**
 * A new embedded database starts from a prepared template: PGlite's initdb and the migrations take
 * most of a first start (over 10 s on a busy two-core machine), loading a data directory of the same
 * result takes a fraction. `npm install` prepares it (the `prepare` script); it is the migrations
 * applied to an empty database, made here from `migrations/*.sql` (still the one source of the
 * schema), never a copy of anyone's data. Kept in the project's own `.cache/` (not a shared /tmp,
 * where another user could plant one), named after everything it depends on.
 */
export const TEMPLATE_DIR = path.join(PROJECT_ROOT, '.cache/pglite')

const require = createRequire(import.meta.url)
const packageVersion = (name: string) =>
  JSON.parse(readFileSync(path.join(path.dirname(require.resolve(name)), '../package.json'), 'utf8')).version

/** The migrations (names and contents) and the PGlite and pgvector versions the template was made with. */
export function templateFingerprint(): string {
  const hash = createHash('sha256')
  hash.update(
    `pglite ${packageVersion('@electric-sql/pglite')} pgvector ${packageVersion('@electric-sql/pglite-pgvector')}`,
  )
  for (const file of readdirSync(MIGRATIONS_DIR).sort())
    hash.update(file).update(readFileSync(path.join(MIGRATIONS_DIR, file)))
  return hash.digest('hex').slice(0, 16)
}

export const templateFile = () => path.join(TEMPLATE_DIR, `template-${templateFingerprint()}.tar.gz`)

/** The template for the current migrations, if prepared. */
export function readTemplate(): Blob | undefined {
  const file = templateFile()
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined
}

/** Makes the template for the current migrations unless it exists: a new in-memory database, migrated, dumped. */
export async function prepareTemplate(): Promise<{ file: string; created: boolean }> {
  const file = templateFile()
  if (existsSync(file)) return { file, created: false }
  const database = await createPgliteDatabase()
  try {
    await migrate(database)
    const dump = await database.client!.dumpDataDir('gzip')
    mkdirSync(TEMPLATE_DIR, { recursive: true })
    // Written whole, then renamed: a start never reads half a template.
    const draft = `${file}.${process.pid}.tmp`
    writeFileSync(draft, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 })
    renameSync(draft, file)
    return { file, created: true }
  } finally {
    await database.close()
  }
}

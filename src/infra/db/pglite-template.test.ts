import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { openDatabase } from '../../app/services.ts'
import { overrideConfig } from '../../config.ts'
import { createPgliteDatabase, type DatabaseHandle } from './database.ts'
import { migrate } from './migrate.ts'
import { prepareTemplate, readTemplate, TEMPLATE_DIR, templateFile } from './pglite-template.ts'

/** Tables, columns, constraints, indexes, policies and functions: what the migrations made. */
async function schemaOf(database: DatabaseHandle): Promise<string[]> {
  const queries = [
    `select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
         || coalesce(column_default, '')
       from information_schema.columns where table_schema = 'public'`,
    `select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       from pg_constraint where connamespace = 'public'::regnamespace`,
    `select indexdef from pg_indexes where schemaname = 'public'`,
    `select tablename || ' ' || policyname || ' ' || coalesce(qual, '') from pg_policies where schemaname = 'public'`,
    `select proname || ' ' || md5(prosrc) from pg_proc where pronamespace = 'public'::regnamespace`,
    `select extname from pg_extension`,
  ]
  const lines: string[] = []
  await database.rawTransaction(async (query) => {
    for (const text of queries) lines.push(...(await query(text)).rows.map((row) => String(Object.values(row)[0])))
  })
  return lines.sort()
}

describe('the template a new embedded database starts from', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rv-template-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  it('is prepared in the project cache, named after the migrations and PGlite versions', async () => {
    const { file } = await prepareTemplate()
    assert.equal(file, templateFile())
    assert.equal(path.dirname(file), TEMPLATE_DIR)
    assert.match(path.basename(file), /^template-[0-9a-f]{16}\.tar\.gz$/)
    assert.ok(existsSync(file))
    assert.deepEqual(await prepareTemplate(), { file, created: false })
  })

  it('holds exactly the schema the migration files make, and nothing else', async () => {
    const fromTemplate = await createPgliteDatabase({ loadDataDir: readTemplate()! })
    const fromFiles = await createPgliteDatabase()
    try {
      assert.deepEqual(await migrate(fromTemplate), { applied: [] })
      await migrate(fromFiles)
      assert.deepEqual(await schemaOf(fromTemplate), await schemaOf(fromFiles))
      const { rows } = await fromTemplate.rawTransaction((query) =>
        query(
          'select (select count(*) from users) + (select count(*) from invites)' +
            ' + (select count(*) from restaurants) as n',
        ),
      )
      assert.equal(Number(rows[0]!.n), 0, 'the template holds no data')
    } finally {
      await fromTemplate.close()
      await fromFiles.close()
    }
  })

  it('is what the server opens for a new DATA_DIR; a restart opens the directory as it is', async () => {
    const messages: string[] = []
    const logger = { info: (...args: unknown[]) => messages.push(String(args.at(-1))), error: () => {} }
    const config = overrideConfig({ dataDir })
    const database = await openDatabase(config, logger)
    await database.db.execute('create table kept (id int)')
    await database.close()
    assert.deepEqual(messages, ['new embedded database: loading the prepared template'])
    const reopened = await openDatabase(config, logger)
    try {
      assert.equal(messages.length, 1, 'a restart loads no template')
      await reopened.db.execute('select * from kept')
    } finally {
      await reopened.close()
    }
  })
})

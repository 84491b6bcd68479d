import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { createTestApp } from '../../test/support/app.ts'
import { testBackends } from '../../test/support/database.ts'
import { createPgliteDatabase } from '../infra/db/database.ts'

const run = promisify(execFile)
const script = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'operator-invite.ts'), ...args], {
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', ...env },
    cwd: path.join(import.meta.dirname, '../..'), // variables set here win over a .env there
  })

describe('npm run operator:invite', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rv-cli-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  it('prints an operator invite link for the embedded database, which signs the first operator in', async () => {
    const { stdout } = await script({ DATA_DIR: dataDir }, 'First.Operator@example.com')
    const token = /accept-invite#token=([A-Za-z0-9_-]{43})/.exec(stdout)?.[1]
    assert.ok(token, stdout)
    assert.match(stdout, /Operator invite for first\.operator@example\.com/)
    const database = await createPgliteDatabase({ dataDir: path.join(dataDir, 'pglite') })
    const t = await createTestApp(testBackends()[0]!, { database })
    try {
      const accepted = await t.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token, password: 'the first operator password' },
      })
      assert.equal(accepted.statusCode, 200, accepted.body)
      assert.equal(accepted.json().user.is_operator, true)
    } finally {
      await t.close()
    }
  })

  it('refuses a missing or malformed email', async () => {
    await assert.rejects(script({ DATA_DIR: dataDir }, 'not-an-email'), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2)
      assert.match(error.stderr, /usage: npm run operator:invite -- <email>/)
      return true
    })
  })
})

const postgres = testBackends().find((backend) => backend.name === 'postgres')
describe('npm run operator:invite on PostgreSQL', { skip: postgres ? false : 'TEST_POSTGRES_URL is not set' }, () => {
  it('writes the invite to DATABASE_URL', async () => {
    const database = await postgres!.create()
    try {
      const { stdout } = await script({ DATABASE_URL: database.url! }, 'ops@example.com')
      const token = /#token=([A-Za-z0-9_-]{43})/.exec(stdout)?.[1]
      assert.ok(token, stdout)
      const t = await createTestApp(postgres!, { database: { ...database, close: async () => {} } })
      const accepted = await t.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token, password: 'the first operator password' },
      })
      await t.close()
      assert.equal(accepted.statusCode, 200, accepted.body)
    } finally {
      await database.close()
    }
  })
})

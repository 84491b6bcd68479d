import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { prepareTemplate } from '../../src/infra/db/pglite-template.ts'
import { npmStart, type StartedServer, waitForHealth } from '../support/npm-start.ts'

// What made the first start slow, gone: the server `npm start` runs is one bundled JavaScript file
// (no TypeScript loader compiling ~250 modules on every start), and a new DATA_DIR is loaded from
// the template `npm install` prepared rather than made by PGlite's initdb and 11 migrations.
// The times themselves are measured by `npm run bench -- startup` (they depend on the machine's load).
describe('what `npm start` runs on a new install', { timeout: 300_000 }, () => {
  let server: StartedServer
  after(() => server?.kill())

  it('serves from the server bundle, without tsx, on a database loaded from the template', async () => {
    await prepareTemplate() // as `npm install` does
    server = await npmStart({ LOG_LEVEL: 'info', NODE_ENV: 'production', ...keys })
    await waitForHealth(server)
    const lock = JSON.parse(readFileSync(path.join(server.dataDir, 'pglite.lock'), 'utf8'))
    const command = readFileSync(`/proc/${lock.pid}/cmdline`, 'utf8').split('\0')
    assert.ok(
      command.some((arg) => arg.endsWith(path.join('.cache', 'server', 'start.mjs'))),
      command.join(' '),
    )
    assert.ok(!command.some((arg) => arg.includes('tsx')), command.join(' '))
    assert.match(server.output(), /new embedded database: loading the prepared template/)
    assert.doesNotMatch(server.output(), /migrations applied/)
  })
})

const keys = { ADMIN_API_KEY: 'startup-test-admin-key-0123', VAPI_SECRET_KEY: 'startup-test-vapi-secret-0123' }

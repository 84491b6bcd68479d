import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { npmStart, type StartedServer, waitForHealth } from '../support/npm-start.ts'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')

/** An npm script of the project on DATA_DIR `dataDir`, as a person runs it in another terminal. */
const npmRun = (dataDir: string, ...args: string[]) =>
  run('npm', ['run', '--silent', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
  })

type Failure = { code: number; stdout: string; stderr: string }

// The embedded database is single-process. Two processes on one DATA_DIR used to both write
// (an invite printed by one was unknown to the other, then lost): the second must now refuse.
describe('two processes on one embedded data directory', { timeout: 300_000 }, () => {
  let server: StartedServer
  let holder: number
  before(async () => {
    server = await npmStart()
    await waitForHealth(server)
    holder = JSON.parse(readFileSync(path.join(server.dataDir, 'pglite.lock'), 'utf8')).pid
  })
  after(() => server?.kill())

  it('operator:invite refuses while the server runs, naming it, and writes nothing', async () => {
    await assert.rejects(npmRun(server.dataDir, 'operator:invite', '--', 'ops@example.com'), (error: Failure) => {
      assert.equal(error.code, 1)
      assert.match(error.stderr, /The embedded database in .*pglite is in use by another process/)
      assert.match(error.stderr, new RegExp(`pid ${holder}: npm run start`))
      assert.match(error.stderr, /POST \/api\/invites/)
      assert.doesNotMatch(error.stdout, /accept-invite/)
      return true
    })
  })

  it('a second server on the same DATA_DIR refuses to start and the first keeps serving', async () => {
    const second = await npmStart({}, { dataDir: server.dataDir })
    try {
      assert.equal(await second.exited, 1)
      assert.match(second.output(), new RegExp(`in use by another process \\(pid ${holder}: npm run start`))
      const health = await fetch(`${server.url}/api/health`)
      assert.equal(health.status, 200)
    } finally {
      // Only its process group: the first server's data directory stays.
      try {
        process.kill(-second.pid, 'SIGKILL')
      } catch {}
    }
  })

  it('the CLI on the embedded database refuses too (exit 3, unreachable), naming the server', async () => {
    await assert.rejects(npmRun(server.dataDir, 'cli', '--', 'restaurants', 'list'), (error: Failure) => {
      assert.equal(error.code, 3)
      assert.match(error.stderr, new RegExp(`in use by another process \\(pid ${holder}: npm run start`))
      return true
    })
  })

  it('npm run migrate refuses too', async () => {
    await assert.rejects(npmRun(server.dataDir, 'migrate'), (error: Failure) => {
      assert.match(error.stderr, new RegExp(`in use by another process \\(pid ${holder}`))
      return true
    })
  })
})

describe('a lock left by a process that died', { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rv-stale-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  it('is taken over: operator:invite runs, then frees the directory', async () => {
    mkdirSync(path.join(dataDir, 'pglite'))
    const lock = path.join(dataDir, 'pglite.lock')
    // A pid above the kernel's limit (pid_max is at most 2^22) runs no process.
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 1, command: 'npm run start', started_at: '2026-01-01' }))
    const { stdout } = await npmRun(dataDir, 'operator:invite', '--', 'ops@example.com')
    assert.match(stdout, /accept-invite#token=/)
    assert.equal(existsSync(lock), false)
  })
})

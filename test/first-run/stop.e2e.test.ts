import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { accepts, npmStart, type StartedServer, waitForHealth } from '../support/npm-start.ts'

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Polls `condition` until it holds or `timeoutMs` passes; returns whether it held. */
async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await condition()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

// A process manager stops what it started: `npm start`. The server behind it must stop with it,
// drain, close the embedded database and free the port and DATA_DIR. SIGKILL reaches npm alone
// (it cannot pass it on): the server sees its launcher gone and stops all the same.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
  describe(`${signal} to the pid of npm start`, { timeout: 180_000 }, () => {
    let server: StartedServer
    after(() => server?.kill())

    it('stops the server: no process left, the port and the data directory are free', async () => {
      server = await npmStart()
      await waitForHealth(server)
      const lock = `${path.join(server.dataDir, 'pglite')}.lock`
      const serverPid: number = JSON.parse(readFileSync(lock, 'utf8')).pid
      assert.notEqual(serverPid, server.pid, 'the server runs under npm')

      process.kill(server.pid, signal)
      await server.exited
      assert.ok(await eventually(() => !isRunning(serverPid)), `server pid ${serverPid} still runs`)
      assert.equal(await accepts('127.0.0.1', server.port), false, 'the port is still open')
      assert.equal(existsSync(lock), false, 'the data directory is still locked')
      assert.doesNotMatch(server.output(), /Error|exited with/i)
    })
  })
}

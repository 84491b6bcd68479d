import assert from 'node:assert/strict'
import { networkInterfaces } from 'node:os'
import { after, describe, it } from 'node:test'
import { accepts, npmStart, type StartedServer, waitForHealth } from '../support/npm-start.ts'

// The development keys are printed in the README: a server using them must not be reachable
// from another machine. This machine's own non-loopback address stands for "the network".
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address

describe('where `npm start` listens with the development keys', { timeout: 180_000 }, () => {
  const started: StartedServer[] = []
  after(async () => {
    for (const server of started) await server.kill()
  })

  it('listens on loopback only when HOST is unset', {
    skip: lanAddress ? false : 'no non-loopback address',
  }, async () => {
    const server = await npmStart()
    started.push(server)
    await waitForHealth(server)
    assert.equal(await accepts('127.0.0.1', server.port), true)
    assert.equal(await accepts(lanAddress!, server.port), false, `reachable on ${lanAddress}:${server.port}`)
  })

  it('refuses HOST=0.0.0.0, saying why, and exits non-zero without listening', async () => {
    const server = await npmStart({ HOST: '0.0.0.0' })
    started.push(server)
    assert.notEqual(await server.exited, 0)
    assert.match(
      server.output(),
      /HOST=0\.0\.0\.0 would serve the well-known development VAPI_SECRET_KEY and ADMIN_API_KEY/,
    )
    assert.match(server.output(), /listen on loopback \(HOST=127\.0\.0\.1\)/)
    assert.equal(await accepts('127.0.0.1', server.port), false)
  })

  it('listens on every interface with HOST=0.0.0.0 once both keys are set', {
    skip: lanAddress ? false : 'no non-loopback address',
  }, async () => {
    const server = await npmStart({
      HOST: '0.0.0.0',
      ADMIN_API_KEY: 'bind-test-admin-key-0123456789',
      VAPI_SECRET_KEY: 'bind-test-vapi-secret-0123456789',
    })
    started.push(server)
    await waitForHealth(server)
    assert.equal(await accepts(lanAddress!, server.port), true)
  })
})

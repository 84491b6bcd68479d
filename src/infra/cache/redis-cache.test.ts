import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { after, describe, it } from 'node:test'
import { runCacheContract } from './cache.contract.ts'
import type { Cache } from './cache.types.ts'
import { createRedisCache } from './redis-cache.ts'

const url = process.env.TEST_REDIS_URL
const server = process.env.TEST_REDIS_SERVER

const waitFor = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('condition not reached')
}

describe('redis cache', { skip: url ? false : 'TEST_REDIS_URL is not set (redis-server not installed)' }, () => {
  const caches: Cache[] = []
  after(async () => {
    for (const cache of caches) await cache.close()
  })

  runCacheContract(async () => {
    const cache = createRedisCache({ url: url!, keyPrefix: `test-${Math.random()}:` })
    caches.push(cache)
    await waitFor(async () => {
      await cache.ping()
      return true
    })
    return { cache }
  })

  it('fails reads fast while Redis is down, then works again and replays missed invalidations', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    const start = () =>
      spawn(server!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      })
    let redis: ChildProcess = start()
    const cache = createRedisCache({ url: `redis://127.0.0.1:${port}`, keyPrefix: 'outage:' })
    caches.push(cache)
    try {
      await waitFor(async () => {
        await cache.ping()
        return true
      })
      await cache.set('answer', 'old', 60)
      redis.kill('SIGKILL')
      await waitFor(async () => {
        await cache.ping().then(
          () => {
            throw new Error('still up')
          },
          () => {},
        )
        return true
      })
      await assert.rejects(cache.get('answer'))
      await assert.rejects(cache.bumpVersion('restaurant-1'))
      redis = start()
      await waitFor(async () => {
        await cache.ping()
        return true
      })
      await cache.set('answer', 'new', 60)
      assert.equal(await cache.get('answer'), 'new')
      await waitFor(async () => (await cache.getVersion('restaurant-1')) === 1)
    } finally {
      redis.kill('SIGKILL')
    }
  })
})

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { createRedisCache } from '../../infra/cache/redis-cache.ts'
import { as, inviteAndAccept, PASSWORD, signInAs } from './accounts.test-utils.ts'

const redisUrl = process.env.TEST_REDIS_URL

// Two instances of the server on one database and one Redis, as behind a load balancer: what one
// ends, the other refuses at once; failed sign-ins count on both.
for (const backend of testBackends()) {
  describe(`sessions across instances on ${backend.name}`, {
    skip: redisUrl ? false : 'TEST_REDIS_URL is not set (redis-server not installed)',
  }, () => {
    let one: TestApp
    let two: TestApp
    let twoCache: ReturnType<typeof createRedisCache>
    before(async () => {
      const keyPrefix = `sessions-${Math.random()}:`
      one = await createTestApp(backend, {
        config: { redisUrl },
        overrides: { cache: createRedisCache({ url: redisUrl!, keyPrefix }) },
      })
      twoCache = createRedisCache({ url: redisUrl!, keyPrefix })
      // The second instance shares the first one's database; closing it must leave that open.
      two = await createTestApp(backend, {
        database: one.database,
        config: { redisUrl },
        overrides: { cache: twoCache, closers: [] },
      })
      const restaurant = await one.createRestaurant({ name: 'Two Doors' })
      await inviteAndAccept(one.app, {
        inviter: admin,
        restaurantId: restaurant.id,
        email: 'both@example.com',
        role: 'owner',
      })
    })
    after(async () => {
      await two.close()
      await twoCache.close()
      await one.close()
    })

    it('ends a session on every instance when it logs out on one', async () => {
      const browser = await signInAs(one.app, 'both@example.com')
      for (let i = 0; i < 2; i++) {
        // Twice: the second read comes from the shared cache.
        const me = await two.app.inject({ url: '/api/auth/me', headers: as(browser) })
        assert.equal(me.statusCode, 200)
      }
      const logout = await one.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: as(browser, { write: true }),
      })
      assert.equal(logout.statusCode, 204)
      const after = await two.app.inject({ url: '/api/auth/me', headers: as(browser) })
      assert.equal(after.statusCode, 401)
    })

    it('counts failed sign-ins on every instance together', async () => {
      const attempt = (app: TestApp, password: string) =>
        app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'both@example.com', password } })
      for (const app of [one, two, one, two, one]) assert.equal((await attempt(app, 'wrong password')).statusCode, 401)
      const blocked = await attempt(two, PASSWORD)
      assert.equal(blocked.statusCode, 429)
      assert.ok(Number(blocked.headers['retry-after']) > 0)
    })
  })
}

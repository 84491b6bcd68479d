import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { count } from 'drizzle-orm'
import { admin, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { restaurantPhoneMappings } from '../../infra/db/schema.ts'
import { type Providers, startProviders } from './phones.test-utils.ts'

const numbers = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `+1415555${String(from + i).padStart(4, '0')}`)

for (const backend of testBackends()) {
  describe(`concurrent phone assignment on ${backend.name}`, () => {
    let p: Providers
    let t: TestApp
    before(async () => {
      p = await startProviders({ twilio: { available: numbers(2000, 30) } })
      t = await createTestApp(backend, { config: p.config })
    })
    after(async () => {
      await t.close()
      await p.close()
    })

    it('gives 20 restaurants created at once 20 distinct numbers: from Vapi, owned in Twilio, or bought', async () => {
      for (const number of numbers(1000, 5)) p.vapi.seedPhoneNumber({ number })
      for (const number of numbers(1100, 5)) p.twilio.own(number)
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/restaurants',
            headers: admin,
            payload: { name: `Concurrent ${i}`, assign_phone: true },
          }),
        ),
      )
      const bodies = responses.map((r) => {
        assert.equal(r.statusCode, 201, r.body)
        return r.json()
      })
      for (const body of bodies)
        assert.equal(body.phone_assignment.status, 'assigned', JSON.stringify(body.phone_assignment))
      const assigned = bodies.map((b) => b.phone_number)
      assert.equal(new Set(assigned).size, 20)
      for (const number of [...numbers(1000, 5), ...numbers(1100, 5)])
        assert.ok(assigned.includes(number), `${number} was not used`)

      const [mapped] = await t.database.db.select({ n: count() }).from(restaurantPhoneMappings)
      assert.equal(mapped?.n, 20)
      // Each Vapi phone number routes for exactly one restaurant, and nothing was imported twice.
      const inVapi = [...p.vapi.phoneNumbers.values()].map((n) => n.number)
      assert.equal(inVapi.length, 20)
      assert.equal(new Set(inVapi).size, 20)
      assert.equal(p.twilio.owned.size, 15)
    })
  })
}

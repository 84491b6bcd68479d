import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { restaurantPhoneMappings } from '../../infra/db/schema.ts'
import { assertNoNumberLostOrDoubled, type Providers, startProviders } from './phones.test-utils.ts'

const ROUNDS = 4
const CREATIONS = 20

const numbers = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `+1628555${String(from + i).padStart(4, '0')}`)

// Vapi refuses to import a number it already has and Twilio to sell a number twice, and both
// answer after random delays: two assignments that activate the same number then show up as a
// failed assignment, a second purchase or import attempt, or a number nobody is mapped to.
for (const backend of testBackends()) {
  describe(`twenty restaurants created at once on ${backend.name}, with slow providers`, () => {
    let p: Providers
    let t: TestApp
    before(async () => {
      p = await startProviders({ twilio: { available: numbers(1000, ROUNDS * CREATIONS * 2) } })
      p.vapi.setLatency(40)
      p.twilio.setLatency(40)
      // Generous timeouts: a busy test machine must not turn into a provider timeout here.
      t = await createTestApp(backend, { config: { ...p.config, vapiTimeoutSeconds: 30, twilioTimeoutSeconds: 30 } })
    })
    after(async () => {
      await t.close()
      await p.close()
    })

    it(`gives each of ${CREATIONS} concurrent creations its own number, ${ROUNDS} rounds in a row`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        // One number someone imported into Vapi by hand, with no assistant: ours to use.
        p.vapi.seedPhoneNumber({ number: numbers(9000 + round, 1)[0] })
        const responses = await Promise.all(
          Array.from({ length: CREATIONS }, (_, i) =>
            t.app.inject({
              method: 'POST',
              url: '/api/restaurants',
              headers: admin,
              payload: { name: `Race ${round}.${i}`, assign_phone: true },
            }),
          ),
        )
        const assignments = responses.map((r) => {
          assert.equal(r.statusCode, 201, r.body)
          return r.json().phone_assignment
        })
        const failed = assignments.filter((a) => a.status !== 'assigned')
        assert.deepEqual(failed, [], `round ${round}: ${failed.length} of ${CREATIONS} got no number`)
        const mappings = await t.database.db.select().from(restaurantPhoneMappings)
        assert.equal(mappings.length, (round + 1) * CREATIONS)
        assertNoNumberLostOrDoubled(p, mappings)
      }
    })
  })
}

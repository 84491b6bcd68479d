import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { PUBLIC_URL, poolEntry, startProviders } from '../../src/modules/phones/phones.test-utils.ts'
import type { Fault } from '../fakes/http-fake.ts'
import { admin, createTestApp } from '../support/app.ts'
import { testBackends } from '../support/database.ts'

// Vapi or Twilio failing in the middle of provisioning: an error, or an answer that comes after
// the client gave up (the work was done, the client does not know). Whatever happens, retrying
// later must end with every restaurant owning one number, no number bought or imported twice,
// and no number we paid for forgotten.

const VAPI_FAULTS: Omit<Fault, 'times'>[] = [
  {
    method: 'POST',
    path: /^\/phone-number$/,
    status: 500,
    body: { statusCode: 500, message: 'Internal server error' },
  },
  { method: 'POST', path: /^\/phone-number$/, delayMs: 1_100 },
  {
    method: 'PATCH',
    path: /^\/phone-number\//,
    status: 503,
    body: { statusCode: 503, message: 'Service Unavailable' },
  },
  { method: 'GET', path: /^\/phone-number$/, status: 500, body: { statusCode: 500, message: 'Internal server error' } },
]
const TWILIO_FAULTS: Omit<Fault, 'times'>[] = [
  {
    method: 'POST',
    path: /\/IncomingPhoneNumbers\.json$/,
    status: 500,
    body: { code: 20500, message: 'Internal Server Error', status: 500 },
  },
  { method: 'POST', path: /\/IncomingPhoneNumbers\.json$/, delayMs: 1_100 },
  {
    method: 'GET',
    path: /\/AvailablePhoneNumbers\//,
    status: 503,
    body: { code: 20503, message: 'Service Unavailable', status: 503 },
  },
]

const attempt = fc.record({
  forceTwilio: fc.boolean(),
  vapi: fc.option(fc.nat({ max: VAPI_FAULTS.length - 1 }), { nil: undefined }),
  twilio: fc.option(fc.nat({ max: TWILIO_FAULTS.length - 1 }), { nil: undefined }),
})

for (const backend of testBackends()) {
  describe(`provisioning while Vapi and Twilio fail, on ${backend.name}`, () => {
    it('ends, once they recover, with one number per restaurant, none bought or imported twice or lost', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(attempt, { minLength: 2, maxLength: 3 }), async (attempts) => {
          const p = await startProviders({
            twilio: { available: ['+14155550901', '+14155550902', '+14155550903', '+14155550904'] },
            vapiTimeoutSeconds: 1,
          })
          const t = await createTestApp(backend, { config: { ...p.config, twilioTimeoutSeconds: 1 } })
          try {
            p.vapi.seedPhoneNumber({ number: '+14155550900' })
            const ids: string[] = []
            for (const [i, { forceTwilio, vapi, twilio }] of attempts.entries()) {
              if (vapi !== undefined) p.vapi.inject({ ...VAPI_FAULTS[vapi]!, times: 1 })
              if (twilio !== undefined) p.twilio.inject({ ...TWILIO_FAULTS[twilio]!, times: 1 })
              const created = await t.app.inject({
                method: 'POST',
                url: '/api/restaurants',
                headers: admin,
                payload: { name: `R${i}`, assign_phone: true, force_twilio: forceTwilio },
              })
              assert.equal(created.statusCode, 201, created.body)
              ids.push(created.json().id)
            }
            // The operator retries until each restaurant has its number; faults not met yet are met
            // now (each fires once), so a retry may fail again, with a 5xx that says why.
            await new Promise((resolve) => setTimeout(resolve, 400)) // late answers land
            for (const id of ids) {
              for (let retry = 0; retry < 6; retry++) {
                const listed = await t.app.inject({
                  method: 'GET',
                  url: `/api/restaurants/${id}/phone-numbers`,
                  headers: admin,
                })
                if (listed.json().data.length > 0) break
                const provisioned = await t.app.inject({
                  method: 'POST',
                  url: `/api/restaurants/${id}/phone-numbers`,
                  headers: admin,
                  payload: { provision: true },
                })
                assert.ok([201, 502, 503, 504].includes(provisioned.statusCode), provisioned.body)
                if (provisioned.statusCode !== 201) await new Promise((resolve) => setTimeout(resolve, 400))
              }
            }
            const numbers = []
            for (const id of ids) {
              const listed = (
                await t.app.inject({ method: 'GET', url: `/api/restaurants/${id}/phone-numbers`, headers: admin })
              ).json().data
              assert.equal(listed.length, 1, `restaurant ${id} has ${listed.length} numbers`)
              numbers.push(listed[0].phone_number)
            }
            assert.equal(new Set(numbers).size, numbers.length, 'a number given to two restaurants')
            const inVapi = [...p.vapi.phoneNumbers.values()].map((n) => n.number)
            assert.equal(new Set(inVapi).size, inVapi.length, `a number imported twice: ${inVapi}`)
            for (const number of numbers) {
              const record = [...p.vapi.phoneNumbers.values()].find((n) => n.number === number)
              assert.equal(record?.server?.url, `${PUBLIC_URL}/api/vapi/server`, `${number} does not reach us`)
            }
            // Every number Twilio sold us is in Vapi (given out, or pooled for the next restaurant).
            for (const owned of p.twilio.owned.values())
              assert.ok(
                inVapi.includes(owned.phone_number) || (await poolEntry(t.database, owned.phone_number)) !== undefined,
                `${owned.phone_number} bought and forgotten`,
              )
          } finally {
            await t.close()
            await p.close()
          }
        }),
        { numRuns: 3 },
      )
    })
  })
}

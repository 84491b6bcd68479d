import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { admin, createTestApp, type TestApp, VAPI_SECRET } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { mappingOf, type Providers, PUBLIC_URL, poolEntry, requestsTo, startProviders } from './phones.test-utils.ts'

const OUR_SERVER = {
  url: `${PUBLIC_URL}/api/vapi/server`,
  timeoutSeconds: 10,
  headers: { 'X-Vapi-Secret': VAPI_SECRET },
}
const BUY = /\/IncomingPhoneNumbers\.json$/

for (const backend of testBackends()) {
  describe(`phone provisioning on ${backend.name}`, () => {
    let p: Providers
    let t: TestApp
    const setup = async (options: Parameters<typeof startProviders>[0] = {}, config: Record<string, unknown> = {}) => {
      p = await startProviders(options)
      t = await createTestApp(backend, { config: { ...p.config, ...config } })
    }
    const create = async (name: string, extra: Record<string, unknown> = {}) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/restaurants',
        headers: admin,
        payload: { name, assign_phone: true, ...extra },
      })
      assert.equal(response.statusCode, 201, response.body)
      return response.json()
    }
    beforeEach(() => {
      p = undefined as never
      t = undefined as never
    })
    afterEach(async () => {
      await t?.close()
      await p?.close()
    })

    it('reuses an unused number already in Vapi, points it at our server and never calls Twilio', async () => {
      await setup()
      p.vapi.seedPhoneNumber({ number: '+14155550111', assistantId: 'someone-elses-assistant' })
      const free = p.vapi.seedPhoneNumber({ number: '+14155550100' })
      const created = await create("Luigi's")
      assert.equal(created.phone_number, '+14155550100')
      assert.deepEqual(created.phone_assignment, {
        status: 'assigned',
        phone_number: '+14155550100',
        source: 'vapi',
        vapi_phone_number_id: free.id,
      })
      const patched = p.vapi.phoneNumbers.get(free.id)!
      assert.deepEqual(patched.server, OUR_SERVER)
      assert.equal(patched.name, "Luigi's")
      assert.equal((await mappingOf(t.database, '+14155550100'))?.vapiPhoneNumberId, free.id)
      assert.equal(p.twilio.requests.length, 0)
    })

    it('imports an unused number the Twilio account owns, with no assistant, before buying anything', async () => {
      await setup()
      p.twilio.own('+14155550200', { voiceUrl: 'https://another-app.example/voice' })
      const unused = p.twilio.own('+14155550201')
      const created = await create('Sakura', { force_twilio: true })
      assert.equal(created.phone_number, '+14155550201')
      assert.equal(created.phone_assignment.source, 'twilio_owned')
      const [imported] = requestsTo(p.vapi, 'POST', /^\/phone-number$/)
      assert.deepEqual(imported!.body, {
        provider: 'twilio',
        number: '+14155550201',
        twilioAccountSid: p.twilio.accountSid,
        twilioAuthToken: p.twilio.authToken,
        name: 'Sakura',
        server: OUR_SERVER,
      })
      assert.equal(requestsTo(p.twilio, 'POST', BUY).length, 0)
      assert.equal(unused.voice_url, 'https://api.vapi.ai/twilio/inbound_call')
      const pool = await poolEntry(t.database, '+14155550201')
      assert.equal(pool?.status, 'assigned')
      assert.equal(pool?.twilioSid, unused.sid)
    })

    it('searches the configured area code and buys a number when nothing is free', async () => {
      await setup({ twilio: { available: ['+12125550300', '+14155550301'] } }, { twilioAreaCode: '415' })
      const created = await create('Nonna')
      assert.equal(created.phone_number, '+14155550301')
      assert.equal(created.phone_assignment.source, 'twilio_purchased')
      const [search] = requestsTo(p.twilio, 'GET', /AvailablePhoneNumbers\/US\/Local\.json$/)
      assert.equal(search!.query.get('AreaCode'), '415')
      assert.deepEqual(
        requestsTo(p.twilio, 'POST', BUY).map((r) => r.body),
        [{ PhoneNumber: '+14155550301' }],
      )
      assert.equal((await mappingOf(t.database, '+14155550301'))?.restaurantId, created.id)
    })

    it('reports Twilio error 21452 when the area code has no numbers, and still creates the restaurant', async () => {
      await setup({ twilio: { available: ['+14155550400'] } }, { twilioAreaCode: '212' })
      const created = await create('Empty area')
      assert.equal(created.phone_number, null)
      assert.equal(created.phone_assignment.status, 'failed')
      assert.equal(created.phone_assignment.code, 'no_numbers_available')
      assert.match(created.phone_assignment.reason, /21452/)
      const viaRoute = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${created.id}/phone-numbers`,
        headers: admin,
        payload: { provision: true, area_code: '646' },
      })
      assert.equal(viaRoute.statusCode, 409)
      assert.equal(viaRoute.json().error.code, 'phones.no_numbers_available')
      assert.match(viaRoute.json().error.message, /21452/)
    })

    for (const code of [21404, 10002] as const) {
      it(`reports a Twilio trial's one-number limit (error ${code}) and never shares the existing number`, async () => {
        await setup({ twilio: { available: ['+14155550500', '+14155550501'], trial: code } })
        const first = await create('First')
        assert.equal(first.phone_assignment.status, 'assigned')
        const second = await create('Second')
        assert.equal(second.phone_number, null)
        assert.equal(second.phone_assignment.code, 'twilio_trial_limit')
        assert.match(second.phone_assignment.reason, new RegExp(`trial account.*${code}`))
        assert.equal((await mappingOf(t.database, first.phone_number))?.restaurantId, first.id)
        assert.equal(p.twilio.owned.size, 1)
      })
    }

    it('keeps a bought number owned and unassigned when the Vapi import fails (500) and reuses it later', async () => {
      await setup({ twilio: { available: ['+14155550600', '+14155550601'] } })
      p.vapi.inject({
        method: 'POST',
        path: /^\/phone-number$/,
        status: 500,
        body: { statusCode: 500, message: 'Internal server error' },
      })
      const failed = await create('Unlucky')
      assert.equal(failed.phone_number, null)
      assert.equal(failed.phone_assignment.code, 'vapi_error')
      assert.match(failed.phone_assignment.reason, /HTTP 500/)
      const [bought] = [...p.twilio.owned.values()]
      const pool = await poolEntry(t.database, bought!.phone_number)
      assert.equal(pool?.status, 'available')
      assert.equal(pool?.restaurantId, null)
      assert.equal(pool?.vapiPhoneNumberId, null)
      assert.match(pool?.lastError ?? '', /HTTP 500/)
      assert.equal(await mappingOf(t.database, bought!.phone_number), undefined)

      const retried = await create('Lucky', { force_twilio: true })
      assert.equal(retried.phone_number, bought!.phone_number)
      assert.equal(retried.phone_assignment.source, 'pool')
      assert.equal(requestsTo(p.twilio, 'POST', BUY).length, 1)
      assert.equal(p.vapi.phoneNumbers.size, 1)
    })

    it('reports a timeout when Vapi is slow; the retry adopts what Vapi made rather than importing twice', async () => {
      await setup({ twilio: { available: ['+14155550700'] }, vapiTimeoutSeconds: 1 })
      p.vapi.inject({ method: 'POST', path: /^\/phone-number$/, delayMs: 2500 })
      const slow = await create('Slow')
      assert.equal(slow.phone_number, null)
      assert.equal(slow.phone_assignment.code, 'vapi_timeout')
      assert.match(slow.phone_assignment.reason, /did not answer in time/)
      assert.equal((await poolEntry(t.database, '+14155550700'))?.status, 'available')

      const retried = await create('Patient')
      assert.equal(retried.phone_number, '+14155550700')
      const inVapi = [...p.vapi.phoneNumbers.values()].filter((n) => n.number === '+14155550700')
      assert.equal(inVapi.length, 1)
      assert.equal(retried.phone_assignment.vapi_phone_number_id, inVapi[0]!.id)
      assert.equal(inVapi[0]!.name, 'Patient')
      assert.equal(requestsTo(p.vapi, 'POST', /^\/phone-number$/).length, 1)
    })

    it('takes back the number of a restaurant deleted while provisioning was switched off', async () => {
      await setup()
      const free = p.vapi.seedPhoneNumber({ number: '+14155550800' })
      const first = await create('Before')
      assert.equal(first.phone_number, '+14155550800')
      // As if the server had run without VAPI_API_KEY when the restaurant was deleted: nothing released it.
      await t.database.db.delete(restaurants).where(eq(restaurants.id, first.id))
      assert.equal((await poolEntry(t.database, '+14155550800'))?.restaurantId, null)
      const second = await create('After')
      assert.equal(second.phone_number, '+14155550800')
      assert.equal(second.phone_assignment.vapi_phone_number_id, free.id)
    })

    it('says what is missing when Vapi has no free number and Twilio is not configured', async () => {
      await setup({ withTwilio: false })
      const created = await create('No Twilio')
      assert.equal(created.phone_number, null)
      assert.equal(created.phone_assignment.code, 'no_numbers_available')
      assert.match(created.phone_assignment.reason, /TWILIO_ACCOUNT_SID/)
    })
  })
}

describe('phone provisioning without Vapi configured', () => {
  it('creates the restaurant and says that provisioning needs VAPI_API_KEY and PUBLIC_BACKEND_URL', async () => {
    const t = await createTestApp(testBackends()[0]!)
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/restaurants',
        headers: admin,
        payload: { name: 'Plain', assign_phone: true },
      })
      assert.equal(response.statusCode, 201)
      assert.equal(response.json().phone_assignment.status, 'not_configured')
      assert.match(response.json().phone_assignment.reason, /VAPI_API_KEY/)
    } finally {
      await t.close()
    }
  })
})

import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { admin, bearer, createTestApp, type TestApp, VAPI_SECRET } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { mappingOf, type Providers, PUBLIC_URL, poolEntry, requestsTo, startProviders } from './phones.test-utils.ts'

const OUR_SERVER = {
  url: `${PUBLIC_URL}/api/vapi/server`,
  timeoutSeconds: 10,
  headers: { 'X-Vapi-Secret': VAPI_SECRET },
}

for (const backend of testBackends()) {
  describe(`phone number routes on ${backend.name}`, () => {
    let p: Providers
    let t: TestApp
    const numbersUrl = (id: string, number?: string) =>
      `/api/restaurants/${id}/phone-numbers${number ? `/${encodeURIComponent(number)}` : ''}`
    const provisioned = async (name: string) => {
      const created = await t.createRestaurant({ name, assign_phone: true })
      assert.equal(created.phone_assignment && (created.phone_assignment as any).status, 'assigned')
      return created as typeof created & { phone_number: string }
    }
    beforeEach(async () => {
      p = await startProviders({ twilio: { available: ['+14155550801', '+14155550802', '+14155550803'] } })
      t = await createTestApp(backend, { config: p.config })
    })
    afterEach(async () => {
      await t.close()
      await p.close()
    })

    it("lists a restaurant's numbers to the operator and to itself; another restaurant's key gets 404", async () => {
      const a = await provisioned('A')
      const b = await t.createRestaurant({ name: 'B' })
      const expected = {
        phone_number: a.phone_number,
        source: 'twilio_purchased',
        vapi_phone_number_id: (a.phone_assignment as any).vapi_phone_number_id,
      }
      for (const headers of [admin, bearer(a.api_key)]) {
        const response = await t.app.inject({ method: 'GET', url: numbersUrl(a.id), headers })
        assert.equal(response.statusCode, 200)
        const [only, ...rest] = response.json().data
        assert.deepEqual(rest, [])
        assert.deepEqual({ ...only, created_at: undefined }, { ...expected, created_at: undefined })
      }
      const requests = [
        { method: 'GET' as const, url: numbersUrl(a.id) },
        { method: 'POST' as const, url: numbersUrl(a.id), payload: { phone_number: '+12025550100' } },
        { method: 'DELETE' as const, url: numbersUrl(a.id, a.phone_number) },
      ]
      for (const request of requests) {
        const response = await t.app.inject({ ...request, headers: bearer(b.api_key) })
        assert.equal(response.statusCode, 404, `${request.method} ${response.body}`)
        assert.equal(response.json().error.code, 'not_found')
      }
      assert.equal((await mappingOf(t.database, a.phone_number))?.restaurantId, a.id)
    })

    it('rejects bad numbers and malformed bodies with 400 naming the field', async () => {
      const a = await t.createRestaurant({ name: 'A' })
      const cases: [unknown, RegExp][] = [
        [{ phone_number: 'call me maybe' }, /body\.phone_number/],
        [{ phone_number: '+1 202' }, /body\.phone_number/],
        [{}, /body\.phone_number/],
        [{ phone_number: '+12025550100', provision: true }, /body\.phone_number/],
        [{ phone_number: '+12025550100', area_code: '415' }, /body\.phone_number/],
        [{ provision: true, area_code: '41' }, /body\.area_code/],
        [{ provision: 'yes' }, /body\.provision/],
        [{ phone_number: '+12025550100', extra: 1 }, /extra|additional/],
      ]
      for (const [payload, field] of cases) {
        const response = await t.app.inject({
          method: 'POST',
          url: numbersUrl(a.id),
          headers: admin,
          payload: payload as object,
        })
        assert.equal(response.statusCode, 400, `${JSON.stringify(payload)} ${response.body}`)
        assert.match(response.json().error.message, field)
      }
      const badPath = await t.app.inject({ method: 'DELETE', url: numbersUrl(a.id, 'not-a-number'), headers: admin })
      assert.equal(badPath.statusCode, 400)
      assert.match(badPath.json().error.message, /params\.number/)
      const listed = await t.app.inject({ method: 'GET', url: numbersUrl(a.id), headers: admin })
      assert.deepEqual(listed.json(), { data: [] })
    })

    it("maps a restaurant's own number, idempotently, and answers 409 when it is mapped elsewhere", async () => {
      const a = await t.createRestaurant({ name: 'A' })
      const b = await t.createRestaurant({ name: 'B' })
      const first = await t.app.inject({
        method: 'POST',
        url: numbersUrl(a.id),
        headers: bearer(a.api_key),
        payload: { phone_number: '(202) 555-0100' },
      })
      assert.equal(first.statusCode, 201, first.body)
      assert.deepEqual(
        { ...first.json<object>(), created_at: undefined },
        { phone_number: '+12025550100', source: 'manual', vapi_phone_number_id: null, created_at: undefined },
      )
      const again = await t.app.inject({
        method: 'POST',
        url: numbersUrl(a.id),
        headers: bearer(a.api_key),
        payload: { phone_number: '+12025550100' },
      })
      assert.equal(again.statusCode, 200)
      const taken = await t.app.inject({
        method: 'POST',
        url: numbersUrl(b.id),
        headers: admin,
        payload: { phone_number: '+12025550100' },
      })
      assert.equal(taken.statusCode, 409)
      assert.equal(taken.json().error.code, 'conflict')
      assert.match(taken.json().error.message, /\+12025550100/)
      assert.equal(p.vapi.requests.length + p.twilio.requests.length, 0)
    })

    it('lets only the operator provision, hand out a pool number or release at Twilio', async () => {
      const a = await t.createRestaurant({ name: 'A' })
      const pooled = p.vapi.seedPhoneNumber({ number: '+14155550900' })
      const provision = await t.app.inject({
        method: 'POST',
        url: numbersUrl(a.id),
        headers: bearer(a.api_key),
        payload: { provision: true },
      })
      assert.equal(provision.statusCode, 403)
      // The operator's provisioning run puts the seeded Vapi number in the pool; release it back there.
      const byOperator = await t.app.inject({
        method: 'POST',
        url: numbersUrl(a.id),
        headers: admin,
        payload: { provision: true },
      })
      assert.equal(byOperator.statusCode, 201, byOperator.body)
      assert.equal(byOperator.json().phone_number, '+14155550900')
      assert.equal(byOperator.json().assignment_source, 'vapi')
      const release = await t.app.inject({
        method: 'DELETE',
        url: `${numbersUrl(a.id, '+14155550900')}?release_number=true`,
        headers: bearer(a.api_key),
      })
      assert.equal(release.statusCode, 403)
      const unmapped = await t.app.inject({
        method: 'DELETE',
        url: numbersUrl(a.id, '+14155550900'),
        headers: bearer(a.api_key),
      })
      assert.equal(unmapped.statusCode, 204)
      assert.equal((await poolEntry(t.database, '+14155550900'))?.status, 'available')

      const grab = await t.app.inject({
        method: 'POST',
        url: numbersUrl(a.id),
        headers: bearer(a.api_key),
        payload: { phone_number: '+14155550900' },
      })
      assert.equal(grab.statusCode, 403)
      const handedOut = await t.app.inject({
        method: 'POST',
        url: numbersUrl(a.id),
        headers: admin,
        payload: { phone_number: '+14155550900' },
      })
      assert.equal(handedOut.statusCode, 201, handedOut.body)
      assert.deepEqual(
        { ...handedOut.json<object>(), created_at: undefined },
        { phone_number: '+14155550900', source: 'vapi', vapi_phone_number_id: pooled.id, created_at: undefined },
      )
      assert.equal(p.vapi.phoneNumbers.get(pooled.id)!.name, 'A')
    })

    it("returns a deleted restaurant's numbers to the pool, detached in Vapi, for the next restaurant", async () => {
      const a = await provisioned('Closing down')
      const vapiId = (a.phone_assignment as any).vapi_phone_number_id as string
      const deleted = await t.app.inject({ method: 'DELETE', url: `/api/restaurants/${a.id}`, headers: admin })
      assert.equal(deleted.statusCode, 204)
      const pool = await poolEntry(t.database, a.phone_number)
      assert.equal(pool?.status, 'available')
      assert.equal(pool?.restaurantId, null)
      assert.equal(await mappingOf(t.database, a.phone_number), undefined)
      const detached = p.vapi.phoneNumbers.get(vapiId)!
      assert.equal(detached.name, 'Unassigned (restaurant pool)')
      assert.deepEqual(detached.server, OUR_SERVER)
      assert.equal(detached.assistantId, undefined)
      assert.equal(requestsTo(p.twilio, 'DELETE', /./).length, 0)

      const next = await provisioned('Opening up')
      assert.equal(next.phone_number, a.phone_number)
      assert.equal((next.phone_assignment as any).source, 'pool')
      assert.equal(requestsTo(p.twilio, 'POST', /IncomingPhoneNumbers\.json$/).length, 1)
    })

    it('releases the numbers at Twilio and removes them from Vapi only when asked to', async () => {
      const a = await provisioned('Gone for good')
      const sid = (await poolEntry(t.database, a.phone_number))!.twilioSid!
      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${a.id}?release_numbers=true`,
        headers: admin,
      })
      assert.equal(deleted.statusCode, 204)
      assert.deepEqual(
        requestsTo(p.twilio, 'DELETE', /./).map((r) => r.path),
        [`/2010-04-01/Accounts/${p.twilio.accountSid}/IncomingPhoneNumbers/${sid}.json`],
      )
      assert.equal(p.twilio.owned.size, 0)
      assert.equal(p.vapi.phoneNumbers.size, 0)
      assert.equal((await poolEntry(t.database, a.phone_number))?.status, 'released')
    })

    it('keeps the restaurant and its number when Twilio refuses the release, so deleting can be retried', async () => {
      const a = await provisioned('Sticky')
      p.twilio.inject({
        method: 'DELETE',
        path: /IncomingPhoneNumbers/,
        status: 500,
        body: { code: 20500, message: 'Internal Server Error', status: 500 },
      })
      const refused = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${a.id}?release_numbers=true`,
        headers: admin,
      })
      assert.equal(refused.statusCode, 502)
      assert.equal(refused.json().error.code, 'phones.release_failed')
      assert.equal((await mappingOf(t.database, a.phone_number))?.restaurantId, a.id)
      const retried = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${a.id}?release_numbers=true`,
        headers: admin,
      })
      assert.equal(retried.statusCode, 204)
      assert.equal(p.twilio.owned.size, 0)
    })
  })
}

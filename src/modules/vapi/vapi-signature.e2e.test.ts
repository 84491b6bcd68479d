import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { toolCall, toolCallsMessage } from './vapi-test-utils.ts'

const BISTRO_NUMBER = '+12125550101'
const bistro = {
  name: 'Le Petit Bistro',
  phone_numbers: [BISTRO_NUMBER],
  delivery_zones: [{ zone_name: 'Chelsea', delivery_fee: 5 }],
}

for (const backend of testBackends()) {
  describe(`Vapi webhook signatures on ${backend.name}`, () => {
    const HMAC_SECRET = 'hmac-secret-0123456789'
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend, { config: { vapiWebhookHmacSecret: HMAC_SECRET } })
      await t.createRestaurant(bistro)
    })
    after(async () => {
      await t.close()
    })

    const body = JSON.stringify(
      toolCallsMessage({ number: BISTRO_NUMBER, calls: [toolCall('a', 'get_zones_info', 'chelsea')] }),
    )
    const sign = (timestamp: string, payload = body) =>
      createHmac('sha256', HMAC_SECRET).update(`${timestamp}.${payload}`).digest('hex')
    const send = (headers: Record<string, string>, payload = body) =>
      t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: { ...vapi, 'content-type': 'application/json', ...headers },
        payload,
      })

    it('accepts a signature over the raw body with a timestamp in seconds or milliseconds', async () => {
      const ms = String(Date.now())
      const seconds = String(Math.floor(Date.now() / 1000))
      for (const timestamp of [ms, seconds]) {
        const response = await send({ 'x-timestamp': timestamp, 'x-signature': sign(timestamp) })
        assert.equal(response.statusCode, 200, timestamp)
        assert.match(response.json().results[0].result, /Chelsea/)
      }
    })

    it('refuses missing, forged and stale signatures, and a secret-less signed request', async () => {
      const now = String(Date.now())
      const stale = String(Date.now() - 10 * 60_000)
      const cases: Record<string, string>[] = [
        {},
        { 'x-timestamp': now, 'x-signature': sign(now, body.replace('chelsea', 'soma')) },
        { 'x-timestamp': now, 'x-signature': 'f'.repeat(64) },
        { 'x-timestamp': stale, 'x-signature': sign(stale) },
      ]
      for (const headers of cases) {
        const response = await send(headers)
        assert.equal(response.statusCode, 401, JSON.stringify(headers))
        assert.equal(response.json().error.code, 'unauthorized')
      }
      const noSecret = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: { 'content-type': 'application/json', 'x-timestamp': now, 'x-signature': sign(now) },
        payload: body,
      })
      assert.equal(noSecret.statusCode, 401)
    })
  })
}

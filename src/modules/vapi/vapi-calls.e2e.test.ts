import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { endOfCallReport } from '../calls/calls.test-utils.ts'
import { toolCall, toolCallsMessage } from './vapi-test-utils.ts'

const NUMBER = '+13125550188'

/** Recording runs after the response; wait for it by polling, without asserting on time. */
async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('never happened')
}

for (const backend of testBackends()) {
  describe(`Vapi webhooks and call history on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend)
    })
    after(async () => {
      await t.close()
    })

    it('records an end-of-call report and the unanswered tool questions of the call', async () => {
      const r = await t.createRestaurant({
        name: 'Recorded',
        phone_numbers: [NUMBER],
        delivery_zones: [{ zone_name: 'Pilsen', delivery_fee: 2 }],
      })
      const post = (payload: unknown) =>
        t.app.inject({ method: 'POST', url: '/api/vapi/server', headers: vapi, payload: payload as any })
      const asked = await post(
        toolCallsMessage({
          number: NUMBER,
          callId: 'history-1',
          calls: [toolCall('a', 'get_zones_info', 'do you deliver to evanston')],
        }),
      )
      assert.match(asked.json().results[0].result, /^Sorry, evanston isn't one of our delivery areas/)
      const report = await post({ message: endOfCallReport({ callId: 'history-1', dialed: NUMBER }) })
      assert.deepEqual([report.statusCode, report.json()], [200, {}])

      const call = await eventually(async () => {
        const list = await t.app.inject({ method: 'GET', url: `/api/calls?restaurant_id=${r.id}`, headers: admin })
        return list.json().data.find((c: any) => c.vapi_call_id === 'history-1' && c.ended_at)
      })
      assert.equal(call.restaurant_id, r.id)
      assert.equal(call.outcome, 'customer-ended-call')
      const unanswered = await eventually(async () => {
        const insights = await t.app.inject({ method: 'GET', url: `/api/restaurants/${r.id}/insights`, headers: admin })
        return insights.json().unanswered?.find((u: any) => u.tool === 'get_zones_info')
      })
      assert.equal(unanswered.question, 'do you deliver to evanston')
    })

    it('records a replayed tool-calls message once', async () => {
      const number = '+13125550189'
      const r = await t.createRestaurant({
        name: 'Replayed',
        phone_numbers: [number],
        delivery_zones: [{ zone_name: 'Loop', delivery_fee: 2 }],
      })
      const message = toolCallsMessage({
        number,
        callId: 'replay-1',
        calls: [toolCall('same-id', 'get_zones_info', 'do you deliver to the moon')],
      })
      for (let i = 0; i < 3; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/vapi/server',
          headers: vapi,
          payload: message as any,
        })
        assert.equal(response.statusCode, 200)
      }
      await eventually(async () => {
        const insights = await t.app.inject({ method: 'GET', url: `/api/restaurants/${r.id}/insights`, headers: admin })
        return insights.json().unanswered?.find((u: any) => u.tool === 'get_zones_info')
      })
      // Give the batched writer time to store any duplicate it would have written.
      await new Promise((resolve) => setTimeout(resolve, 200))
      const insights = await t.app.inject({ method: 'GET', url: `/api/restaurants/${r.id}/insights`, headers: admin })
      assert.equal(insights.json().unanswered.find((u: any) => u.tool === 'get_zones_info').count, 1)
    })
  })
}

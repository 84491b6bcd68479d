import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { endOfCallReport } from '../calls/calls.test-utils.ts'
import { callOrderTool, FRIDAY_5PM, pizzeriaBundle } from './orders.test-utils.ts'

for (const backend of testBackends()) {
  describe(`order insights on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend, { overrides: { clock: { now: () => new Date('2026-12-05T18:00:00Z') } } })
    })
    after(async () => {
      await t.close()
    })

    it('counts orders and revenue per local day and the share of calls that ended in an order', async () => {
      const r = await t.createRestaurant(pizzeriaBundle())
      for (const callId of ['ins-a', 'ins-b', 'ins-c']) {
        const report = endOfCallReport({ callId, startedAt: FRIDAY_5PM, endedAt: '2026-12-04T23:05:00Z' })
        await t.deps.callRecorder.recordMessage({ message: report, restaurantId: r.id })
      }
      const place = (callId: string, quantity: number, at = FRIDAY_5PM) =>
        callOrderTool(t, {
          tool: 'place_order',
          callId,
          at,
          args: { items: [{ name: 'tiramisu', quantity }], fulfillment: 'pickup' },
        })
      await place('ins-a', 2) // $17.64
      const cancelled = await place('ins-b', 1)
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${r.id}/orders/${cancelled.metadata.order_id}`,
        headers: bearer(r.api_key),
        payload: { status: 'cancelled' },
      })
      assert.equal(patch.statusCode, 200)
      // 1 AM UTC on Saturday is still Friday evening in Chicago; no call report for this one.
      await place('ins-d', 1, '2026-12-05T01:00:00Z') // $8.82

      const response = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${r.id}/insights?from=2026-12-03&to=2026-12-05T18:00:00Z`,
        headers: bearer(r.api_key),
      })
      assert.equal(response.statusCode, 200, response.body)
      const { orders, conversions, calls } = response.json()
      assert.equal(calls.total, 3)
      assert.equal(orders.total, 2)
      assert.equal(orders.revenue, 26.46)
      assert.deepEqual(
        orders.per_day.filter((d: any) => d.count > 0),
        [{ date: '2026-12-04', count: 2, revenue: 26.46 }],
      )
      assert.deepEqual(conversions, { calls_with_order: 1, order_share: 0.3333 })
    })
  })
}

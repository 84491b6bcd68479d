import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { zonedInstant } from '../../shared/local-time.ts'
import { endOfCallReport } from '../calls/calls.test-utils.ts'
import { callOrderTool, FRIDAY_5PM, pizzeriaBundle } from './orders.test-utils.ts'

for (const backend of testBackends()) {
  describe(`order insights on ${backend.name}`, () => {
    let t: TestApp
    let now = new Date('2026-12-05T18:00:00Z')
    before(async () => {
      t = await createTestApp(backend, { overrides: { clock: { now: () => now } } })
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

    it('by default covers the last 30 local days, today included, at every hour of the day', async () => {
      // Sunday 2027-03-14 in Chicago: the clocks go forward at 2 AM, so the day has 23 hours.
      const number = '+13125550177'
      const r = await t.createRestaurant({ ...pizzeriaBundle(), name: 'Every Hour', phone_numbers: [number] })
      const lunch = (date: string) => zonedInstant(date, 12 * 60 + 30, 'America/Chicago').toISOString()
      const order = (callId: string, at: string) =>
        callOrderTool(t, {
          tool: 'place_order',
          callId,
          at,
          number,
          args: { items: [{ name: 'tiramisu' }], fulfillment: 'pickup' },
        })
      await order('first-day', lunch('2027-02-13')) // the 30th day back: counted
      await order('day-before', lunch('2027-02-12')) // the 31st: not
      const today = lunch('2027-03-14')
      for (let hour = 0; hour < 24; hour++) {
        if (hour === 2) continue // 2 AM does not happen that day
        now = zonedInstant('2027-03-14', hour * 60 + 45, 'America/Chicago')
        if (hour === 12) await order('today', today)
        const response = await t.app.inject({ url: `/api/restaurants/${r.id}/insights`, headers: bearer(r.api_key) })
        assert.equal(response.statusCode, 200, response.body)
        const { first_day, last_day, from, orders } = response.json()
        const at = `at ${now.toISOString()}`
        assert.deepEqual([first_day, last_day], ['2027-02-13', '2027-03-14'], at)
        assert.equal(from, zonedInstant('2027-02-13', 0, 'America/Chicago').toISOString(), at)
        assert.equal(orders.per_day.length, 30, at)
        const counted = orders.per_day
          .filter((d: { count: number }) => d.count > 0)
          .map((d: { date: string }) => d.date)
        assert.deepEqual(counted, hour >= 12 ? ['2027-02-13', '2027-03-14'] : ['2027-02-13'], at)
      }
    })
  })
}

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { bookThroughWebhook } from '../reservations/reservations.test-utils.ts'
import { endOfCallReport } from './calls.test-utils.ts'
import type { ToolInvocation } from './calls.types.ts'

const NOW = new Date('2025-03-10T12:00:00Z')

for (const backend of testBackends()) {
  describe(`call insights on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend, { overrides: { clock: { now: () => NOW } } })
    })
    after(async () => {
      await t.close()
    })

    const ask = (
      restaurantId: string,
      query: string,
      unanswered: boolean,
      at: string,
      tool = 'get_menu_info',
    ): ToolInvocation => ({
      restaurantId,
      vapiCallId: randomUUID(),
      tool,
      query,
      result: unanswered ? "I don't know." : 'Yes.',
      unanswered,
      at: new Date(at),
    })

    it('counts calls per local day, outcomes and tool usage, and groups the questions left unanswered', async () => {
      const r = await t.createRestaurant({ name: 'Insightful', timezone: 'America/New_York' })
      const other = await t.createRestaurant({ name: 'Elsewhere' })
      // 03:00 UTC on the 9th is still the evening of the 8th in New York.
      const starts = [
        '2025-03-08T18:00:00.000Z',
        '2025-03-09T03:00:00.000Z',
        '2025-03-09T18:00:00.000Z',
        '2025-02-01T18:00:00.000Z',
      ]
      for (const [i, startedAt] of starts.entries()) {
        const report: Record<string, any> = endOfCallReport({
          callId: randomUUID(),
          startedAt,
          endedAt: new Date(Date.parse(startedAt) + (i + 1) * 60_000).toISOString(),
        })
        if (i === 2) report.endedReason = 'silence-timed-out'
        await t.deps.callRecorder.recordMessage({ message: report, restaurantId: r.id })
      }
      await t.deps.callRecorder.recordToolInvocations([
        ask(r.id, 'Do you have gluten-free pasta?', true, '2025-03-08T18:01:00Z'),
        ask(r.id, 'vegan dishes', false, '2025-03-08T18:02:00Z'),
        ask(r.id, 'Delivery to Mars?', true, '2025-03-08T18:03:00Z', 'get_zones_info'),
        ask(r.id, 'um, do you have GLUTEN FREE pasta', true, '2025-03-09T18:01:00Z'),
        ask(r.id, 'So... do you have gluten free pasta!!', true, '2025-01-01T00:00:00Z'),
        ask(other.id, 'Do you have gluten-free pasta?', true, '2025-03-09T18:05:00Z'),
      ])

      const response = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${r.id}/insights?days=7`,
        headers: bearer(r.api_key),
      })
      assert.equal(response.statusCode, 200, response.body)
      const body = response.json()
      // Each unanswered entry has an id (to answer it with an FAQ) and is open until then.
      for (const entry of body.unanswered) {
        assert.match(entry.id, /^[0-9a-f-]{36}$/)
        assert.equal(entry.status, 'open')
      }
      const withoutIds = (list: any[]) => list.map(({ id: _id, status: _status, ...rest }) => rest)
      assert.deepEqual(
        { ...body, unanswered: withoutIds(body.unanswered) },
        {
          restaurant_id: r.id,
          // The last 7 days in New York, today included: from midnight of the 4th (EST, before
          // the clocks went forward on the 9th).
          from: '2025-03-04T05:00:00.000Z',
          to: '2025-03-10T12:00:00.000Z',
          timezone: 'America/New_York',
          first_day: '2025-03-04',
          last_day: '2025-03-10',
          calls: {
            total: 3,
            average_duration_seconds: 120,
            total_cost: 0.3702,
            per_day: ['04', '05', '06', '07', '08', '09', '10'].map((d) => ({
              date: `2025-03-${d}`,
              count: d === '08' ? 2 : d === '09' ? 1 : 0,
            })),
          },
          bookings: { calls_with_booking: 0, share: 0 },
          orders: {
            total: 0,
            revenue: 0,
            per_day: ['04', '05', '06', '07', '08', '09', '10'].map((d) => ({
              date: `2025-03-${d}`,
              count: 0,
              revenue: 0,
            })),
          },
          conversions: { calls_with_order: 0, order_share: 0 },
          transfers: { asked: 0, connected: 0, failed: 0, unavailable: 0 },
          outcomes: [
            { outcome: 'customer-ended-call', count: 2 },
            { outcome: 'silence-timed-out', count: 1 },
          ],
          tool_usage: [
            { tool: 'get_menu_info', count: 3, unanswered: 2 },
            { tool: 'get_zones_info', count: 1, unanswered: 1 },
          ],
          unanswered: [
            {
              question: 'um, do you have GLUTEN FREE pasta',
              tool: 'get_menu_info',
              count: 2,
              last_asked_at: '2025-03-09T18:01:00.000Z',
            },
            {
              question: 'Delivery to Mars?',
              tool: 'get_zones_info',
              count: 1,
              last_asked_at: '2025-03-08T18:03:00.000Z',
            },
          ],
        },
      )

      const wider = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${r.id}/insights?from=2024-12-01&to=2025-03-10`,
        headers: admin,
      })
      assert.equal(wider.statusCode, 200, wider.body)
      assert.equal(wider.json().calls.total, 4)
      assert.equal(wider.json().unanswered[0].id, body.unanswered[0].id, 'the same entry, whatever the range')
      assert.deepEqual(withoutIds(wider.json().unanswered)[0], {
        question: 'um, do you have GLUTEN FREE pasta',
        tool: 'get_menu_info',
        count: 3,
        last_asked_at: '2025-03-09T18:01:00.000Z',
      })
    })

    it('counts the share of calls that booked a table, whatever became of the booking since', async () => {
      const number = '+16175550177'
      const r = await t.createRestaurant({
        name: 'Booked Up',
        timezone: 'UTC',
        phone_numbers: [number],
        operating_hours: ['monday', 'tuesday', 'wednesday'].map((day) => ({
          day_of_week: day,
          open_time: '10:00',
          close_time: '22:00',
        })),
        settings: { reservations: { max_party_size: 6 } },
      })
      const table = (party_size: number) => ({ party_size, date: '2025-03-12', time: '19:00', name: 'Guest' })
      const first = await bookThroughWebhook(t.app, { number, callId: 'booked-1', args: table(2) })
      const second = await bookThroughWebhook(t.app, { number, callId: 'booked-2', args: table(4) })
      const refused = await bookThroughWebhook(t.app, { number, callId: 'refused', args: table(9) })
      assert.equal(first.metadata.booked && second.metadata.booked && !refused.metadata.booked, true)
      const cancel = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${r.id}/reservations/${second.metadata.reservation_id}`,
        headers: admin,
        payload: { status: 'cancelled' },
      })
      assert.equal(cancel.statusCode, 200)
      for (const callId of ['booked-1', 'booked-2', 'refused', 'just-asking'])
        await t.deps.callRecorder.recordMessage({
          message: endOfCallReport({ callId, startedAt: '2025-03-09T18:00:00.000Z' }),
          restaurantId: r.id,
        })
      const insights = await t.app.inject({ url: `/api/restaurants/${r.id}/insights?days=7`, headers: admin })
      assert.equal(insights.json().calls.total, 4)
      assert.deepEqual(insights.json().bookings, { calls_with_booking: 2, share: 0.5 })
    })

    it('keeps insights to the operator and the restaurant itself, and validates the range', async () => {
      const a = await t.createRestaurant({ name: 'Private' })
      const b = await t.createRestaurant({ name: 'Curious' })
      const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers })
      assert.equal((await get(`/api/restaurants/${a.id}/insights`, {})).statusCode, 401)
      assert.equal((await get(`/api/restaurants/${a.id}/insights`, bearer(b.api_key))).statusCode, 404)
      assert.equal((await get(`/api/restaurants/${randomUUID()}/insights`, admin)).statusCode, 404)
      const empty = await get(`/api/restaurants/${a.id}/insights?days=1`, admin)
      assert.equal(empty.statusCode, 200)
      assert.deepEqual(empty.json().calls, {
        total: 0,
        average_duration_seconds: null,
        total_cost: 0,
        per_day: [{ date: '2025-03-10', count: 0 }],
      })
      assert.deepEqual(empty.json().unanswered, [])
      for (const [query, pattern] of [
        ['from=soon', /querystring\.from/],
        ['days=0', /querystring\.days/],
        ['from=2020-01-01', /querystring\.from/],
      ] as const) {
        const response = await get(`/api/restaurants/${a.id}/insights?${query}`, admin)
        assert.equal(response.statusCode, 400, query)
        assert.match(response.json().error.message, pattern)
      }
    })
  })
}

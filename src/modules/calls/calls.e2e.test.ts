import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { toolInvocations } from '../../infra/db/schema.ts'
import { endOfCallReport, statusUpdate } from './calls.test-utils.ts'

for (const backend of testBackends()) {
  describe(`calls API on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend)
    })
    after(async () => {
      await t.close()
    })

    const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers })

    /** Calls at 18:00 on consecutive days (two share a start), alternating outcomes and callers. */
    async function seedCalls(restaurantId: string) {
      const starts = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-03', '2025-03-04', '2025-03-05']
      for (const [i, day] of starts.entries()) {
        const report: Record<string, any> = endOfCallReport({
          callId: `call-${restaurantId}-${i}`,
          startedAt: `${day}T18:00:00.000Z`,
          caller: i % 2 ? '+14155550111' : '+14155550122',
        })
        report.endedReason = i % 3 === 0 ? 'silence-timed-out' : 'customer-ended-call'
        await t.deps.callRecorder.recordMessage({ message: report, restaurantId })
      }
      // No start time yet: listed by when it was recorded (now), so it comes first.
      await t.deps.callRecorder.recordMessage({
        message: statusUpdate('ringing', { callId: `call-${restaurantId}-ringing` }),
        restaurantId,
      })
    }

    it('pages through every call newest first with an opaque cursor, without repeats', async () => {
      const r = await t.createRestaurant({ name: 'Paged' })
      await seedCalls(r.id)
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const url: string = `/api/calls?limit=2${cursor ? `&cursor=${cursor}` : ''}`
        const page = await get(url, bearer(r.api_key))
        assert.equal(page.statusCode, 200, page.body)
        seen.push(...page.json().data.map((c: any) => c.vapi_call_id))
        cursor = page.json().next_cursor
      } while (cursor)
      const suffixes = seen.map((id) => id.split('-').at(-1))
      assert.deepEqual(suffixes.slice(0, 3), ['ringing', '5', '4'])
      assert.deepEqual(new Set(suffixes.slice(3, 5)), new Set(['2', '3']))
      assert.deepEqual(suffixes.slice(5), ['1', '0'])
    })

    it('filters by time range, outcome and caller', async () => {
      const r = await t.createRestaurant({ name: 'Filtered' })
      await seedCalls(r.id)
      const ids = async (query: string) => {
        const response = await get(`/api/calls?${query}`, bearer(r.api_key))
        assert.equal(response.statusCode, 200, response.body)
        return response.json().data.map((c: any) => c.vapi_call_id.split('-').at(-1))
      }
      const march2to4 = await ids('from=2025-03-02&to=2025-03-04')
      assert.deepEqual(new Set(march2to4.slice(0, 2)), new Set(['2', '3']))
      assert.deepEqual(march2to4.slice(2), ['1'])
      assert.deepEqual(await ids('from=2025-03-04T00:00:00Z&to=2025-03-05T19:00:00%2B01:00'), ['4'])
      assert.deepEqual(await ids('outcome=silence-timed-out'), ['3', '0'])
      assert.deepEqual(await ids('caller=%2B1 (415) 555-0111&outcome=customer-ended-call'), ['5', '1'])
    })

    it('rejects bad query parameters with a 400 naming the parameter', async () => {
      const r = await t.createRestaurant({ name: 'Strict' })
      const cases: [string, RegExp][] = [
        ['cursor=not-a-cursor', /querystring\.cursor/],
        ['from=last%20tuesday', /querystring\.from/],
        ['from=2025-03-05&to=2025-03-01', /querystring\.from/],
        ['limit=0', /querystring\.limit/],
        ['limit=101', /querystring\.limit/],
        ['restaurant_id=nope', /querystring\.restaurant_id/],
      ]
      for (const [query, pattern] of cases) {
        const response = await get(`/api/calls?${query}`, bearer(r.api_key))
        assert.equal(response.statusCode, 400, query)
        assert.match(response.json().error.message, pattern)
      }
    })

    it('answers 401 without a key, 404 for another restaurant, and asks the operator for restaurant_id', async () => {
      const a = await t.createRestaurant({ name: 'A' })
      const b = await t.createRestaurant({ name: 'B' })
      await seedCalls(a.id)
      assert.equal((await get('/api/calls', {})).statusCode, 401)
      assert.equal((await get('/api/calls', bearer('rk_wrong'))).statusCode, 401)
      assert.equal((await get('/api/calls/unrouted', {})).statusCode, 401)
      assert.equal((await get(`/api/calls?restaurant_id=${a.id}`, bearer(b.api_key))).statusCode, 404)
      const operatorWithout = await get('/api/calls', admin)
      assert.equal(operatorWithout.statusCode, 400)
      assert.match(operatorWithout.json().error.message, /restaurant_id/)
      const operator = await get(`/api/calls?restaurant_id=${a.id}&limit=100`, admin)
      assert.equal(operator.statusCode, 200)
      assert.equal(operator.json().data.length, 7)
      assert.equal((await get(`/api/calls?restaurant_id=${a.id}`, bearer(a.api_key))).json().data.length, 7)
      assert.equal((await get(`/api/calls/${randomUUID()}`, admin)).statusCode, 404)
    })

    it('records a manual call for the key holder, and validates it', async () => {
      const r = await t.createRestaurant({ name: 'Manual' })
      const body = {
        vapi_call_id: `manual-${randomUUID()}`,
        caller: '+1 415 555 0199',
        started_at: '2025-03-01T12:00:00Z',
        ended_at: '2025-03-01T12:02:30Z',
        outcome: 'customer-ended-call',
        summary: 'Booked a table for four.',
        messages: [{ role: 'user', content: 'A table for four?', timestamp: '2025-03-01T12:00:05Z' }],
      }
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/calls',
        headers: bearer(r.api_key),
        payload: body,
      })
      assert.equal(created.statusCode, 201, created.body)
      const call = created.json()
      assert.equal(call.restaurant_id, r.id)
      assert.equal(call.caller, '+14155550199')
      assert.equal(call.duration_seconds, 150)
      assert.equal(call.source, 'manual')
      assert.deepEqual(call.messages, [
        { role: 'user', content: 'A table for four?', timestamp: '2025-03-01T12:00:05.000Z' },
      ])
      assert.equal((await get(`/api/calls/${call.id}`, bearer(r.api_key))).json().summary, 'Booked a table for four.')

      const post = (payload: object, headers = bearer(r.api_key)) =>
        t.app.inject({ method: 'POST', url: '/api/calls', headers, payload })
      assert.equal((await post(body)).statusCode, 409)
      assert.equal((await post({ summary: 'x' }, admin)).statusCode, 400)
      assert.equal((await post({ restaurant_id: randomUUID(), summary: 'x' }, admin)).statusCode, 404)
      assert.equal((await post({ restaurant_id: r.id, summary: 'by operator' }, admin)).statusCode, 201)
      const bad: [object, RegExp][] = [
        [{ messages: [{ role: 'system', content: 'x' }] }, /body\.messages\.0\.role/],
        [{ cost: -1 }, /body\.cost/],
        [{ started_at: '2025-03-02T00:00:00Z', ended_at: '2025-03-01T00:00:00Z' }, /body\.ended_at/],
        [{ started_at: 'noon' }, /body\.started_at/],
        [{ recording_url: 'ftp://x' }, /body\.recording_url/],
        [{ extra: true }, /extra|additional/],
      ]
      for (const [payload, pattern] of bad) {
        const response = await post(payload)
        assert.equal(response.statusCode, 400, JSON.stringify(payload))
        assert.match(response.json().error.message, pattern)
      }
    })

    it("deletes a call and its tool invocations on a caller's request; other restaurants get 404", async () => {
      const a = await t.createRestaurant({ name: 'Deleting' })
      const b = await t.createRestaurant({ name: 'Bystander' })
      const callId = randomUUID()
      await t.deps.callRecorder.recordToolInvocations([
        {
          restaurantId: a.id,
          vapiCallId: callId,
          tool: 'get_hours_info',
          query: 'open now?',
          result: 'Yes.',
          unanswered: false,
          at: new Date(),
        },
      ])
      await t.deps.callRecorder.recordMessage({ message: endOfCallReport({ callId }), restaurantId: a.id })
      const [call] = (await get('/api/calls', bearer(a.api_key))).json().data
      const del = (headers: Record<string, string>) =>
        t.app.inject({ method: 'DELETE', url: `/api/calls/${call.id}`, headers })
      assert.equal((await del(bearer(b.api_key))).statusCode, 404)
      assert.equal((await del({})).statusCode, 401)
      assert.equal((await del(bearer(a.api_key))).statusCode, 204)
      assert.equal((await del(bearer(a.api_key))).statusCode, 404)
      assert.equal((await get(`/api/calls/${call.id}`, admin)).statusCode, 404)
      const left = await t.database.db.select().from(toolInvocations).where(eq(toolInvocations.vapiCallId, callId))
      assert.deepEqual(left, [])
    })
  })
}

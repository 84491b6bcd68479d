import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import {
  CALLER_NUMBER,
  endOfCallReport,
  legacyEndOfCallReport,
  RESTAURANT_NUMBER,
  statusUpdate,
} from './calls.test-utils.ts'

for (const backend of testBackends()) {
  describe(`recording Vapi call reports on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend)
    })
    after(async () => {
      await t.close()
    })

    const record = (message: Record<string, any>, restaurantId: string | null) =>
      t.deps.callRecorder.recordMessage({ message, restaurantId })
    const list = async (key: string) => {
      const response = await t.app.inject({ method: 'GET', url: '/api/calls', headers: bearer(key) })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().data as any[]
    }
    const detail = async (id: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/calls/${id}`, headers: admin })).json()

    it('stores a twice-sent end-of-call report once, for its restaurant only, with transcript, summary', async () => {
      const a = await t.createRestaurant({ name: 'Petit Bistro' })
      const b = await t.createRestaurant({ name: 'Other' })
      const callId = randomUUID()
      const report = endOfCallReport({ callId })
      await record(report, a.id)
      await record(report, a.id)

      const calls = await list(a.api_key)
      assert.equal(calls.length, 1)
      const call = calls[0]
      assert.deepEqual(
        { ...call, id: undefined, created_at: undefined, updated_at: undefined },
        {
          id: undefined,
          created_at: undefined,
          updated_at: undefined,
          vapi_call_id: callId,
          restaurant_id: a.id,
          caller: CALLER_NUMBER,
          dialed_number: RESTAURANT_NUMBER,
          status: 'ended',
          source: 'vapi',
          started_at: '2025-03-01T18:00:00.000Z',
          ended_at: '2025-03-01T18:01:35.500Z',
          duration_seconds: 95.5,
          outcome: 'customer-ended-call',
          summary: 'The caller asked whether the restaurant has vegan dishes.',
          recording_url: 'https://storage.vapi.ai/recording-1.wav',
          cost: 0.1234,
          messages: [
            { role: 'assistant', content: 'Hello, Petit Bistro!', timestamp: '2025-03-01T18:00:00.500Z' },
            { role: 'user', content: 'Do you have vegan dishes?', timestamp: '2025-03-01T18:00:03.000Z' },
            { role: 'tool', content: 'Called get_menu_info("vegan dishes")', timestamp: '2025-03-01T18:00:05.000Z' },
            {
              role: 'tool',
              content: 'get_menu_info answered: Ratatouille is vegan.',
              timestamp: '2025-03-01T18:00:06.000Z',
            },
            { role: 'assistant', content: 'Yes, the ratatouille.', timestamp: '2025-03-01T18:00:07.000Z' },
          ],
        },
      )
      const own = await t.app.inject({ method: 'GET', url: `/api/calls/${call.id}`, headers: bearer(a.api_key) })
      assert.equal(own.statusCode, 200)
      assert.equal(own.json().transcript, report.artifact.transcript)
      assert.deepEqual(own.json().cost_breakdown, { costs: report.costs })

      assert.deepEqual(await list(b.api_key), [])
      const other = await t.app.inject({ method: 'GET', url: `/api/calls/${call.id}`, headers: bearer(b.api_key) })
      assert.equal(other.statusCode, 404)
      assert.equal(other.json().error.code, 'not_found')
    })

    it('reads the older top-level fields and the assistant role', async () => {
      const r = await t.createRestaurant({ name: 'Legacy' })
      await record(legacyEndOfCallReport({ callId: randomUUID() }), r.id)
      const [call] = await list(r.api_key)
      assert.equal(call.summary, 'Asked for opening hours.')
      assert.equal(call.recording_url, 'https://storage.vapi.ai/legacy.wav')
      assert.equal(call.duration_seconds, 42.5)
      assert.equal(call.cost, 0.1)
      assert.equal(call.outcome, 'assistant-ended-call')
      assert.deepEqual(call.messages, [
        { role: 'assistant', content: 'Hi!', timestamp: null },
        { role: 'user', content: 'When do you open?', timestamp: null },
      ])
      const full = await detail(call.id)
      assert.equal(full.transcript, 'AI: Hi!\nUser: When do you open?')
      assert.deepEqual(full.cost_breakdown, {
        transport: 0.01,
        stt: 0.01,
        llm: 0.02,
        tts: 0.01,
        vapi: 0.05,
        total: 0.1,
      })
    })

    it('takes the recording from artifact.recording.mono and durationMs when the flat fields are absent', async () => {
      const r = await t.createRestaurant({ name: 'Nested' })
      const report: Record<string, any> = endOfCallReport({ callId: randomUUID() })
      delete report.artifact.recordingUrl
      delete report.endedAt
      report.artifact.recording = { mono: { combinedUrl: 'https://storage.vapi.ai/mono.wav' } }
      report.durationMs = 61_000
      await record(report, r.id)
      const [call] = await list(r.api_key)
      assert.equal(call.recording_url, 'https://storage.vapi.ai/mono.wav')
      assert.equal(call.duration_seconds, 61)
    })

    it('merges status updates sent around the report; a late in-progress never reopens an ended call', async () => {
      const r = await t.createRestaurant({ name: 'Ordering' })
      const callId = randomUUID()
      await record(statusUpdate('ringing', { callId }), r.id)
      await record(statusUpdate('in-progress', { callId, startedAt: '2025-03-01T17:59:59.000Z' }), r.id)
      let [call] = await list(r.api_key)
      assert.equal(call.status, 'in-progress')
      assert.equal(call.started_at, '2025-03-01T17:59:59.000Z')
      assert.equal(call.summary, null)

      await record(statusUpdate('ended', { callId, endedReason: 'silence-timed-out' }), r.id)
      await record(endOfCallReport({ callId }), r.id)
      await record(statusUpdate('in-progress', { callId }), r.id)
      await record(statusUpdate('ended', { callId, endedReason: 'silence-timed-out' }), r.id)
      const calls = await list(r.api_key)
      assert.equal(calls.length, 1)
      call = calls[0]
      assert.equal(call.status, 'ended')
      // The report completes the record: its values win over what status updates left.
      assert.equal(call.outcome, 'customer-ended-call')
      assert.equal(call.started_at, '2025-03-01T18:00:00.000Z')
      assert.equal(call.summary, 'The caller asked whether the restaurant has vegan dishes.')
      assert.equal(call.messages.length, 5)
    })

    it('stores concurrent duplicates of a report once', async () => {
      const r = await t.createRestaurant({ name: 'Concurrent' })
      const callId = randomUUID()
      const report = endOfCallReport({ callId })
      await Promise.all([
        record(report, r.id),
        record(report, r.id),
        record(statusUpdate('ended', { callId }), r.id),
        record(report, r.id),
      ])
      const calls = await list(r.api_key)
      assert.equal(calls.length, 1)
      assert.equal(calls[0].summary, report.analysis.summary)
    })

    it('keeps a call to an unmapped number in the operator unrouted list, attached to no restaurant', async () => {
      const r = await t.createRestaurant({ name: 'Mapped' })
      const callId = randomUUID()
      await record(endOfCallReport({ callId, dialed: '+19995550000' }), null)
      const unrouted = await t.app.inject({ method: 'GET', url: '/api/calls/unrouted?limit=100', headers: admin })
      assert.equal(unrouted.statusCode, 200)
      const call = unrouted.json().data.find((c: any) => c.vapi_call_id === callId)
      assert.equal(call.restaurant_id, null)
      assert.equal(call.dialed_number, '+19995550000')
      assert.deepEqual(await list(r.api_key), [])
      const asRestaurant = await t.app.inject({ method: 'GET', url: '/api/calls/unrouted', headers: bearer(r.api_key) })
      assert.equal(asRestaurant.statusCode, 403)
      const one = await t.app.inject({ method: 'GET', url: `/api/calls/${call.id}`, headers: bearer(r.api_key) })
      assert.equal(one.statusCode, 404)
    })

    it('stores an oversized report truncated, without an error', async () => {
      const r = await t.createRestaurant({ name: 'Chatty' })
      const report: Record<string, any> = endOfCallReport({ callId: randomUUID() })
      const huge = 'blah '.repeat(20_000)
      report.artifact.messages = Array.from({ length: 3_000 }, (_, i) => ({
        role: i % 2 ? 'user' : 'bot',
        message: `${i} ${huge}`,
        time: Date.parse('2025-03-01T18:00:00Z') + i,
      }))
      report.artifact.transcript = huge.repeat(10)
      report.analysis.summary = huge
      await record(report, r.id)
      const [call] = await list(r.api_key)
      assert.equal(call.messages.length, 500)
      assert.ok(call.messages.every((m: any) => m.content.length <= 4_000))
      assert.ok(call.messages[0].content.endsWith('…'))
      assert.equal(call.summary.length, 10_000)
      assert.equal((await detail(call.id)).transcript.length, 100_000)
    })

    it('stores the rest of a report when single fields have odd types or unstorable characters', async () => {
      const r = await t.createRestaurant({ name: 'Odd' })
      const report: Record<string, any> = endOfCallReport({ callId: randomUUID() })
      Object.assign(report, {
        cost: 'free',
        startedAt: 12,
        endedAt: 'yesterday',
        endedReason: { odd: true },
        costs: 'none',
      })
      report.analysis = 'not an object'
      report.customer = { number: 4155550123 }
      report.call.customer = null
      report.artifact.recordingUrl = 'javascript:alert(1)'
      report.artifact.transcript = 'nul \u0000 byte and a lone \uD800 surrogate'
      report.artifact.messages = [
        null,
        7,
        { role: 'user', message: ['x'] },
        { role: 'bot', message: 'ok\u0000', time: 'soon' },
        { role: 'mystery', message: 'dropped' },
      ]
      await record(report, r.id)
      const [call] = await list(r.api_key)
      assert.equal(call.summary, null)
      assert.equal(call.cost, null)
      assert.equal(call.started_at, null)
      assert.equal(call.ended_at, null)
      assert.equal(call.outcome, null)
      assert.equal(call.caller, null)
      assert.equal(call.recording_url, null)
      assert.equal(call.dialed_number, RESTAURANT_NUMBER)
      assert.deepEqual(call.messages, [
        { role: 'user', content: '["x"]', timestamp: null },
        { role: 'assistant', content: 'ok', timestamp: null },
      ])
      assert.equal((await detail(call.id)).transcript, 'nul  byte and a lone \uFFFD surrogate')
    })

    it('records tool invocations once per tool call id and lists them with the call', async () => {
      const r = await t.createRestaurant({ name: 'Tools' })
      const callId = randomUUID()
      const at = new Date('2025-03-01T18:00:05Z')
      const invocation = {
        restaurantId: r.id,
        vapiCallId: callId,
        toolCallId: 'call_abc',
        tool: 'get_menu_info',
        query: 'vegan dishes',
        result: 'Ratatouille is vegan.',
        unanswered: false,
        at,
      }
      await t.deps.callRecorder.recordToolInvocations([invocation])
      await t.deps.callRecorder.recordToolInvocations([invocation])
      await record(endOfCallReport({ callId }), r.id)
      const [call] = await list(r.api_key)
      assert.deepEqual((await detail(call.id)).tool_calls, [
        {
          tool: 'get_menu_info',
          query: 'vegan dishes',
          result: 'Ratatouille is vegan.',
          unanswered: false,
          invoked_at: at.toISOString(),
        },
      ])
    })

    it('writes tool invocations handed over together, and one failing request does not lose the others', async () => {
      const r = await t.createRestaurant({ name: 'Batched tools' })
      const callId = randomUUID()
      const at = new Date('2025-03-01T18:00:05Z')
      const invocation = (restaurantId: string, toolCallId: string) => [
        {
          restaurantId,
          vapiCallId: callId,
          toolCallId,
          tool: 'get_menu_info',
          query: toolCallId,
          result: 'ok',
          unanswered: false,
          at,
        },
      ]
      // Same tick: one batch. The restaurant of the second does not exist (foreign key violation).
      const outcomes = await Promise.allSettled([
        t.deps.callRecorder.recordToolInvocations(invocation(r.id, 'first')),
        t.deps.callRecorder.recordToolInvocations(invocation(randomUUID(), 'orphan')),
        t.deps.callRecorder.recordToolInvocations(invocation(r.id, 'third')),
      ])
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      )
      await record(endOfCallReport({ callId }), r.id)
      const [call] = await list(r.api_key)
      assert.deepEqual((await detail(call.id)).tool_calls.map((c: { query: string }) => c.query).sort(), [
        'first',
        'third',
      ])
    })
  })
}

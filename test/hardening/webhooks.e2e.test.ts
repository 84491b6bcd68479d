import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { endOfCallReport } from '../../src/modules/calls/calls.test-utils.ts'
import { admin, bearer, createTestApp, type TestApp, vapi } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import { bundleA, bundleB, NUMBER_A, NUMBER_B, seedTenant, type Tenant } from './hardening.test-utils.ts'

/** Polls until `read` gives a non-empty list (background work has landed), at most 5 s. */
async function eventually<T>(read: () => Promise<T[]>): Promise<T[]> {
  for (const deadline = Date.now() + 5_000; ; ) {
    const found = await read()
    if (found.length > 0 || Date.now() > deadline) return found
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const HMAC_SECRET = 'hmac-secret-for-hardening-0123'
const STRANGER = '+19995550177'
// What only A's data holds and no lure below says: its prices, a description, its Monday opening.
// (Answers may repeat the caller's own words, so names asked about are not evidence.)
const A_SECRETS = [
  /28\.99/,
  /\b9\.50?\b/,
  /crispy/i,
  /\b11(:00)?\s*(am|a\.m\.)/i,
  // A's FAQs and its Christmas Eve hours.
  /valet/i,
  /\b17 dollars/,
  /corkage is 35/i,
  /\b10 AM to 2 PM/,
]
const A_ITEMS = ['Duck Confit', 'Onion Soup', 'Extra cheese', 'Chelsea']

for (const backend of testBackends()) {
  describe(`Vapi webhooks under attack on ${backend.name}`, () => {
    let t: TestApp
    let a: Tenant
    let b: Tenant
    // Signatures are judged fresh by this clock: a chosen instant, then moved by the tests.
    let now = Date.parse('2026-12-09T17:00:00Z')
    before(async () => {
      t = await createTestApp(backend, {
        config: { vapiWebhookHmacSecret: HMAC_SECRET },
        overrides: { clock: { now: () => new Date(now) } },
      })
      a = await seedTenant(t, bundleA)
      b = await seedTenant(t, bundleB)
    })
    after(async () => {
      await t.close()
    })

    const sign = (body: string, at = now) => ({
      'x-timestamp': String(at),
      'x-signature': createHmac('sha256', HMAC_SECRET).update(`${at}.${body}`).digest('hex'),
    })
    const post = (body: string, headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: { 'content-type': 'application/json', ...headers },
        payload: body,
      })
    const signed = (body: string) => post(body, { ...vapi, ...sign(body) })
    const callsOf = async (key: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/calls', headers: bearer(key) })).json().data

    it('refuses missing, forged, re-used and stale signatures, and takes a replay within the window once', async () => {
      const report = JSON.stringify({ message: endOfCallReport({ callId: 'replayed-call', dialed: NUMBER_B }) })
      const other = JSON.stringify({ message: endOfCallReport({ callId: 'forged-call', dialed: NUMBER_B }) })
      const refused: [string, Record<string, string>][] = [
        ['no signature', vapi],
        ['no secret', sign(report)],
        ['a signature of another body', { ...vapi, ...sign(other), 'x-timestamp': sign(other)['x-timestamp'] }],
        ['the body re-serialised', { ...vapi, ...sign(JSON.stringify(JSON.parse(report), null, 1)) }],
        ['a signature from 6 minutes ago', { ...vapi, ...sign(report, now - 6 * 60_000) }],
        ['a signature from the future', { ...vapi, ...sign(report, now + 6 * 60_000) }],
        [
          'a signature made with the Vapi secret',
          {
            ...vapi,
            'x-timestamp': String(now),
            'x-signature': createHmac('sha256', vapi['x-vapi-secret']).update(`${now}.${report}`).digest('hex'),
          },
        ],
        ['an empty signature', { ...vapi, 'x-timestamp': String(now), 'x-signature': '' }],
      ]
      for (const [what, headers] of refused) {
        const response = await post(report, headers)
        assert.equal(response.statusCode, 401, what)
        assert.equal(response.json().error.code, 'unauthorized', what)
      }
      const headers = { ...vapi, ...sign(report) }
      for (let i = 0; i < 3; i++) assert.equal((await post(report, headers)).statusCode, 200)
      now += 6 * 60_000 // the same captured request, later
      assert.equal((await post(report, headers)).statusCode, 401)
      // Reports are recorded in the background: wait for this one, then count (vapi_call_id is unique).
      const calls = await eventually(async () =>
        (await callsOf(b.api_key)).filter((call: any) => call.vapi_call_id === 'replayed-call'),
      )
      assert.equal(calls.length, 1)
      assert.ok(!(await callsOf(b.api_key)).some((call: any) => call.vapi_call_id === 'forged-call'))
    })

    it('answers truncated messages with a 400 and oversized ones with a 413, recording nothing', async () => {
      const report = JSON.stringify({ message: endOfCallReport({ callId: 'truncated-call', dialed: NUMBER_B }) })
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: report.length - 1 }), async (cut) => {
          const body = report.slice(0, cut)
          const response = await signed(body)
          assert.ok([400, 401].includes(response.statusCode), `cut at ${cut}: ${response.statusCode}`)
          assert.equal(typeof response.json().error.code, 'string')
        }),
        { numRuns: 150 },
      )
      const huge = JSON.stringify({
        message: {
          ...endOfCallReport({ callId: 'huge-call', dialed: NUMBER_B }),
          artifact: { transcript: 'x'.repeat(4 * 1_048_576) },
        },
      })
      const tooBig = await signed(huge)
      assert.equal(tooBig.statusCode, 413)
      const calls = await callsOf(b.api_key)
      assert.ok(!calls.some((call: any) => ['truncated-call', 'huge-call'].includes(call.vapi_call_id)))
    })

    it("never answers a call to one restaurant, or to a number not ours, with another restaurant's data", async () => {
      const tools = ['get_menu_info', 'get_modifiers_info', 'get_hours_info', 'get_zones_info', 'get_restaurant_info']
      const lure = fc.constantFrom(
        a.id,
        NUMBER_A,
        bundleA.name,
        'Duck Confit',
        'chelsea',
        'extra cheese',
        'onion soup',
        '10011',
        'is there parking',
        'can I bring my own wine',
        'are you open on christmas eve',
      )
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(NUMBER_B, STRANGER),
          fc.array(fc.tuple(fc.constantFrom(...tools), lure, lure), { minLength: 1, maxLength: 4 }),
          fc.record({ argumentsId: fc.boolean(), metadata: fc.boolean(), stringArguments: fc.boolean() }),
          async (number, calls, how) => {
            const toolCallList = calls.map(([name, query, extra], i) => {
              const args = {
                query: `${query} ${extra}`,
                ...(how.argumentsId ? { restaurant_id: a.id, phone_number: NUMBER_A } : {}),
              }
              return {
                id: `c${i}`,
                type: 'function',
                function: { name, arguments: how.stringArguments ? JSON.stringify(args) : args },
              }
            })
            const body = JSON.stringify({
              message: {
                type: 'tool-calls',
                phoneNumber: { number },
                call: {
                  id: `lure-${number}`,
                  ...(how.metadata ? { metadata: { restaurant_name: bundleA.name } } : {}),
                },
                customer: { number: NUMBER_A },
                toolCallList,
              },
            })
            const response = await signed(body)
            assert.equal(response.statusCode, 200)
            const results = response.json().results as any[]
            assert.deepEqual(
              results.map((r) => r.toolCallId),
              toolCallList.map((c) => c.id),
            )
            for (const secret of A_SECRETS) assert.doesNotMatch(JSON.stringify(results), secret)
            const named = results.flatMap((r) =>
              (r.metadata?.items ?? []).map((item: any) => item.name ?? item.title ?? JSON.stringify(item)),
            )
            assert.ok(!named.some((name: string) => A_ITEMS.some((item) => name.includes(item))), JSON.stringify(named))
            if (number === STRANGER) for (const r of results) assert.equal(r.result, undefined)
          },
        ),
        { numRuns: 60 },
      )
    })

    it('keeps a report for a number that is not ours away from every restaurant, for the operator only', async () => {
      const body = JSON.stringify({ message: endOfCallReport({ callId: 'stranger-call', dialed: STRANGER }) })
      assert.equal((await signed(body)).statusCode, 200)
      for (const tenant of [a, b])
        assert.ok(!(await callsOf(tenant.api_key)).some((call: any) => call.vapi_call_id === 'stranger-call'))
      const unrouted = await eventually(async () =>
        (await t.app.inject({ method: 'GET', url: '/api/calls/unrouted', headers: admin }))
          .json()
          .data.filter((call: any) => call.vapi_call_id === 'stranger-call'),
      )
      assert.equal((unrouted[0] as any)?.restaurant_id, null)
      for (const tenant of [a, b])
        assert.ok(!(await callsOf(tenant.api_key)).some((call: any) => call.vapi_call_id === 'stranger-call'))
    })
  })
}

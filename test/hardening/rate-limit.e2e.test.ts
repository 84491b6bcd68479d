import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { toolCall, toolCallsMessage } from '../../src/modules/vapi/vapi-test-utils.ts'
import { admin, bearer, createTestApp, type TestApp, vapi } from '../support/app.ts'
import { testBackends } from '../support/database.ts'

const NUMBERS = ['+12125550191', '+13105550192', '+13125550193']
const WEBHOOKS = 7_000
const BATCH = 100

const statusCounts = (statuses: number[]) => {
  const counts: Record<number, number> = {}
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1
  return counts
}

// Every restaurant's webhooks carry the same Vapi secret: counted as one client they would be
// throttled together. Requests that prove nothing are counted by address, before the 401.
for (const backend of testBackends()) {
  describe(`rate limits on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      // The default limit (RATE_LIMIT_PER_MINUTE), as production runs.
      t = await createTestApp(backend)
      for (const [i, number] of NUMBERS.entries())
        await t.createRestaurant({
          name: `Limited ${i}`,
          phone_numbers: [number],
          menu_items: [{ name: `Dish ${i}`, price: 10 + i }],
        })
    })
    after(async () => {
      await t.close()
    })

    it(`answers ${WEBHOOKS.toLocaleString('en')} webhooks for 3 restaurants in a minute, no 429`, async () => {
      assert.ok(WEBHOOKS > t.deps.config.rateLimitPerMinute, 'more webhooks than one bucket holds')
      const statuses: number[] = []
      for (let sent = 0; sent < WEBHOOKS; sent += BATCH) {
        const batch = await Promise.all(
          Array.from({ length: BATCH }, (_, i) =>
            t.app.inject({
              method: 'POST',
              url: '/api/vapi/server',
              headers: vapi,
              payload: toolCallsMessage({
                number: NUMBERS[(sent + i) % NUMBERS.length],
                callId: `call-${(sent + i) % 50}`,
                calls: [toolCall('t1', 'get_menu_info', 'what dishes do you have')],
              }),
            }),
          ),
        )
        statuses.push(...batch.map((r) => r.statusCode))
      }
      assert.deepEqual(statusCounts(statuses), { 200: WEBHOOKS })
    })
  })

  describe(`rate limits without a valid credential on ${backend.name}`, () => {
    const LIMIT = 40
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend, { config: { rateLimitPerMinute: LIMIT } })
    })
    after(async () => {
      await t.close()
    })

    it('counts requests without a valid credential by address: 429 past the limit, before the 401', async () => {
      // Each request tries a different wrong credential, as a guesser would: none gets a bucket of its own.
      const attempts = Array.from({ length: LIMIT + 20 }, (_, i) =>
        i % 3 === 0
          ? { method: 'GET' as const, url: '/api/restaurants', headers: bearer(`rk_guess-${i}`) }
          : i % 3 === 1
            ? { method: 'GET' as const, url: '/api/calls', headers: {} }
            : {
                method: 'POST' as const,
                url: '/api/vapi/server',
                headers: { 'x-vapi-secret': `guess-${i}` },
                payload: toolCallsMessage({ number: NUMBERS[0], calls: [] }),
              },
      )
      const statuses: number[] = []
      for (const attempt of attempts) statuses.push((await t.app.inject(attempt)).statusCode)
      assert.deepEqual(statuses.slice(0, LIMIT), Array(LIMIT).fill(401))
      assert.deepEqual(statuses.slice(LIMIT), Array(20).fill(429))
      const limited = await t.app.inject({ method: 'GET', url: '/api/restaurants', headers: bearer('rk_guess') })
      assert.equal(limited.json().error.code, 'rate_limited')
      assert.ok(Number(limited.headers['retry-after']) > 0)
      // The operator's key and Vapi's secret have their own standing, even from the same address.
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/restaurants', headers: admin })).statusCode, 200)
      const webhook = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({ number: NUMBERS[0], calls: [toolCall('t1', 'get_menu_info', 'soup')] }),
      })
      assert.equal(webhook.statusCode, 200)
    })

    it('keeps one bucket per valid key: the operator past the limit gets 429', async () => {
      const statuses: number[] = []
      for (let i = 0; i < LIMIT + 5; i++)
        statuses.push((await t.app.inject({ method: 'GET', url: '/api/health/live', headers: admin })).statusCode)
      assert.deepEqual(statusCounts(statuses), { 200: LIMIT + 5 }, 'health probes are never limited')
      const listed: number[] = []
      for (let i = 0; i < LIMIT + 5; i++)
        listed.push((await t.app.inject({ method: 'GET', url: '/api/restaurants', headers: admin })).statusCode)
      // One operator request was made by the previous test.
      assert.deepEqual(statusCounts(listed), { 200: LIMIT - 1, 429: 6 })
    })
  })
}

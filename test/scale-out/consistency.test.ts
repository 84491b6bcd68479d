import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { endOfCallReport } from '../../src/modules/calls/calls.test-utils.ts'
import { orderToolCall, pizzeriaBundle } from '../../src/modules/orders/orders.test-utils.ts'
import { assertNoNumberLostOrDoubled } from '../../src/modules/phones/phones.test-utils.ts'
import { type FakeTwilio, startFakeTwilio } from '../fakes/fake-twilio.ts'
import { type FakeVapi, startFakeVapi } from '../fakes/fake-vapi.ts'
import { loadExampleBundle } from '../support/app.ts'
import { ask, type Cluster, call, missingServices, startCluster, vapiHeaders, waitFor } from './cluster.ts'

// Two server processes on one PostgreSQL and one Redis: whichever instance the load balancer
// picks, a caller hears the same thing, and shared state is written once.
describe('two instances on one PostgreSQL and one Redis', { skip: missingServices ?? false }, () => {
  let cluster: Cluster
  let vapi: FakeVapi
  let twilio: FakeTwilio
  const numbers = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => `+1415555${String(from + i).padStart(4, '0')}`)

  before(async () => {
    twilio = await startFakeTwilio({ available: numbers(3000, 10) })
    vapi = await startFakeVapi({ twilio })
    cluster = await startCluster({
      VAPI_API_KEY: vapi.apiKey,
      VAPI_BASE_URL: vapi.url,
      VAPI_MAX_RETRIES: '0',
      PUBLIC_BACKEND_URL: 'https://voice.example.test',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
    })
  })
  after(async () => {
    await cluster?.stop()
    await vapi?.close()
    await twilio?.close()
  })

  it('applies the migrations once when two instances run npm run migrate at the same moment', async () => {
    const outputs = [...cluster.migrateOutputs].sort()
    assert.match(outputs[0]!, /^applied 0001_init\.sql/)
    assert.equal(outputs[1], 'database is up to date')
    const client = new pg.Client({ connectionString: cluster.postgres.url })
    await client.connect()
    try {
      const { rows } = await client.query('SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name')
      assert.ok(rows.length >= 4)
      for (const row of rows) assert.equal(row.n, 1, row.name)
    } finally {
      await client.end()
    }
  })

  it('answers a caller on instance B with the price changed through instance A a moment ago', async () => {
    const { a, b } = cluster
    const number = '+14155550142'
    const created = await call(a, 'POST', '/api/restaurants', {
      body: { ...loadExampleBundle('petit-bistro'), phone_numbers: [number] },
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    const question = { number, query: 'how much is the duck confit' }
    const first = await ask(b, question)
    assert.equal(first.status, 200, JSON.stringify(first.body))
    assert.match(first.result!, /Duck Confit/i)
    assert.doesNotMatch(first.result!, /31\.50|31 dollars and 50/)
    // Both instances have now answered this question once: the shared cache holds the answer.
    assert.equal((await ask(a, question)).result, first.result)
    assert.equal((await ask(b, question)).result, first.result)
    assert.ok((await cluster.redis.client.keys('rv:k:answers:*')).length > 0, 'answers are cached in Redis')

    const items = await call(a, 'GET', `/api/restaurants/${created.body.id}/menu-items`)
    const duck = items.body.data.find((item: { name: string }) => item.name === 'Duck Confit')
    const patched = await call(a, 'PATCH', `/api/restaurants/${created.body.id}/menu-items/${duck.id}`, {
      body: { price: 31.5 },
    })
    assert.equal(patched.status, 200, JSON.stringify(patched.body))

    const onB = await ask(b, question)
    assert.match(onB.result!, /31\.50|31 dollars and 50/, onB.result)
    assert.equal((await ask(a, question)).result, onB.result)
  })

  it('quotes an order on instance B at the price changed through instance A a moment ago', async () => {
    const { a, b } = cluster
    const created = await call(a, 'POST', '/api/restaurants', { body: pizzeriaBundle() })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    const quote = async (server: typeof a) => {
      const response = await call(server, 'POST', '/api/vapi/server', {
        headers: vapiHeaders,
        body: orderToolCall({ tool: 'quote_order', args: { items: [{ name: 'tiramisu' }], fulfillment: 'pickup' } }),
      })
      assert.equal(response.status, 200, JSON.stringify(response.body))
      return response.body.results[0].result as string
    }
    assert.match(await quote(b), /Subtotal \$8\.00/)
    assert.match(await quote(a), /Subtotal \$8\.00/)
    assert.ok((await cluster.redis.client.keys('rv:k:catalog:*')).length > 0, 'the catalog is cached in Redis')

    const items = await call(a, 'GET', `/api/restaurants/${created.body.id}/menu-items`)
    const tiramisu = items.body.data.find((item: { name: string }) => item.name === 'Tiramisu')
    const patched = await call(a, 'PATCH', `/api/restaurants/${created.body.id}/menu-items/${tiramisu.id}`, {
      body: { price: 9.5 },
    })
    assert.equal(patched.status, 200, JSON.stringify(patched.body))
    assert.match(await quote(b), /Subtotal \$9\.50/)
  })

  it('routes a number moved to another restaurant via instance A to that one on instance B at once', async () => {
    const { a, b } = cluster
    const number = '+14155550143'
    const from = await call(a, 'POST', '/api/restaurants', {
      body: { ...loadExampleBundle('sakura-ramen'), phone_numbers: [number] },
    })
    const to = await call(a, 'POST', '/api/restaurants', {
      body: { ...loadExampleBundle('nonnas-pizzeria'), phone_numbers: [] },
    })
    assert.equal(to.status, 201, JSON.stringify(to.body))
    const assistantRequest = (callId: string) => ({
      message: {
        type: 'assistant-request',
        call: { id: callId, type: 'inboundPhoneCall' },
        phoneNumber: { provider: 'twilio', number },
        customer: { number: '+15551230000' },
      },
    })
    // Instance B looks the number up, as it does for every call's first message.
    const before = await call(b, 'POST', '/api/vapi/server', {
      headers: vapiHeaders,
      body: assistantRequest(randomUUID()),
    })
    assert.equal(before.body.assistantOverrides.variableValues.restaurant_id, from.body.id)

    const removed = await call(
      a,
      'DELETE',
      `/api/restaurants/${from.body.id}/phone-numbers/${encodeURIComponent(number)}`,
    )
    assert.equal(removed.status, 204, JSON.stringify(removed.body))
    const mapped = await call(a, 'POST', `/api/restaurants/${to.body.id}/phone-numbers`, {
      body: { phone_number: number },
    })
    assert.equal(mapped.status, 201, JSON.stringify(mapped.body))

    const afterMove = await call(b, 'POST', '/api/vapi/server', {
      headers: vapiHeaders,
      body: assistantRequest(randomUUID()),
    })
    assert.equal(afterMove.body.assistantOverrides.variableValues.restaurant_id, to.body.id)
    assert.match((await ask(b, { number, query: 'do you have margherita pizza' })).result!, /margherita/i)
  })

  it('stores the same end-of-call report delivered to both instances at once as one call', async () => {
    const { a, b } = cluster
    const number = '+14155550144'
    const created = await call(a, 'POST', '/api/restaurants', {
      body: { name: 'Report Twice', phone_numbers: [number] },
    })
    const report = { message: endOfCallReport({ callId: randomUUID(), dialed: number }) }
    const responses = await Promise.all(
      [a, b, a, b].map((server) => call(server, 'POST', '/api/vapi/server', { headers: vapiHeaders, body: report })),
    )
    for (const response of responses) assert.equal(response.status, 200, JSON.stringify(response.body))
    const restaurantKey = { authorization: `Bearer ${created.body.api_key}` }
    // Recording runs after Vapi has its answer; wait until both instances have written.
    const calls = await waitFor('the report to be stored', async () => {
      const listed = await call(b, 'GET', '/api/calls', { headers: restaurantKey })
      return listed.body.data.length > 0 && listed.body.data[0].summary ? listed.body.data : undefined
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const listed = await call(a, 'GET', '/api/calls', { headers: restaurantKey })
    assert.equal(listed.body.data.length, 1, JSON.stringify(listed.body.data))
    assert.equal(listed.body.data[0].vapi_call_id, calls[0].vapi_call_id)
  })

  it('never gives a number to two restaurants when 12 are created with a phone on both instances at once', async () => {
    const { a, b } = cluster
    for (const number of numbers(1000, 3)) vapi.seedPhoneNumber({ number })
    for (const number of numbers(1100, 3)) twilio.own(number)
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 === 0 ? a : b, 'POST', '/api/restaurants', {
          body: { name: `Scaled ${i}`, assign_phone: true },
        }),
      ),
    )
    const assigned = responses.map((response) => {
      assert.equal(response.status, 201, JSON.stringify(response.body))
      assert.equal(response.body.phone_assignment.status, 'assigned', JSON.stringify(response.body.phone_assignment))
      return response.body.phone_number as string
    })
    assert.equal(new Set(assigned).size, 12, assigned.join(' '))
    const client = new pg.Client({ connectionString: cluster.postgres.url })
    await client.connect()
    try {
      const { rows } = await client.query(
        `SELECT phone_number, count(*)::int AS n FROM restaurant_phone_mappings
        WHERE phone_number = ANY($1) GROUP BY phone_number`,
        [assigned],
      )
      assert.equal(rows.length, 12)
      for (const row of rows) assert.equal(row.n, 1, row.phone_number)
    } finally {
      await client.end()
    }
    const inVapi = [...vapi.phoneNumbers.values()].map((n) => n.number)
    assert.equal(new Set(inVapi).size, inVapi.length, 'no number was imported into Vapi twice')
  })

  it('gives 20 restaurants created at once on both instances 20 numbers, none bought or imported twice', async () => {
    const { a, b } = cluster
    twilio.setLatency(40)
    vapi.setLatency(40)
    for (const number of numbers(5000, 60)) twilio.available.add(number)
    const client = new pg.Client({ connectionString: cluster.postgres.url })
    await client.connect()
    try {
      for (let round = 0; round < 3; round++) {
        vapi.seedPhoneNumber({ number: numbers(6000 + round, 1)[0] })
        const responses = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            call(i % 2 === 0 ? a : b, 'POST', '/api/restaurants', {
              body: { name: `Race ${round}.${i}`, assign_phone: true },
            }),
          ),
        )
        for (const response of responses) {
          assert.equal(response.status, 201, JSON.stringify(response.body))
          assert.equal(
            response.body.phone_assignment.status,
            'assigned',
            JSON.stringify(response.body.phone_assignment),
          )
        }
        const { rows } = await client.query('SELECT phone_number AS "phoneNumber" FROM restaurant_phone_mappings')
        assertNoNumberLostOrDoubled({ vapi, twilio }, rows)
      }
    } finally {
      await client.end()
      twilio.setLatency(0)
      vapi.setLatency(0)
    }
  })
})

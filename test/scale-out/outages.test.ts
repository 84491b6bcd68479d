import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { loadExampleBundle } from '../support/app.ts'
import type { ServerProcess } from '../support/server-process.ts'
import { ask, type Cluster, call, missingServices, startCluster, vapiHeaders, waitFor } from './cluster.ts'

// Redis and PostgreSQL go away under two running instances and come back; the instances are
// never restarted, and every answer in between is either right or a clean error.
describe('two instances while Redis or PostgreSQL is down', { skip: missingServices ?? false }, () => {
  let cluster: Cluster
  let restaurant: { id: string; api_key: string }
  let duckId: string
  const number = '+14155550150'
  const question = { number, query: 'how much is the duck confit' }

  before(async () => {
    cluster = await startCluster()
    const created = await call(cluster.a, 'POST', '/api/restaurants', {
      body: { ...loadExampleBundle('petit-bistro'), phone_numbers: [number] },
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    restaurant = created.body
    const items = await call(cluster.a, 'GET', `/api/restaurants/${restaurant.id}/menu-items`)
    duckId = items.body.data.find((item: { name: string }) => item.name === 'Duck Confit').id
  })
  after(async () => {
    await cluster?.stop()
  })

  const health = (server: ServerProcess) => call(server, 'GET', '/api/health')
  const setPrice = (server: ServerProcess, price: number) =>
    call(server, 'PATCH', `/api/restaurants/${restaurant.id}/menu-items/${duckId}`, { body: { price } })
  // Cached answers, not the version counters beside them (the servers' key prefix is rv:).
  const answerKeys = async () => (await cluster.redis.client.keys('rv:k:answers:*')).length

  it('answers from PostgreSQL while Redis is down, reports degraded, and caches again once it is back', async () => {
    const { a, b, redis } = cluster
    const warm = await ask(b, question)
    assert.match(warm.result!, /Duck Confit/i)
    assert.ok((await answerKeys()) > 0, 'the answer is cached in Redis')

    await redis.kill()
    try {
      for (const server of [a, b]) {
        const report = await waitFor('redis to be reported down', async () => {
          const response = await health(server)
          return response.body.checks.redis.status === 'down' ? response : undefined
        })
        assert.equal(report.status, 200)
        assert.equal(report.body.status, 'degraded')
        assert.equal(report.body.checks.database.status, 'up')
        const answer = await ask(server, question)
        assert.equal(answer.status, 200)
        assert.equal(answer.result, warm.result, JSON.stringify(answer.body))
      }
      // A change during the outage is heard at once: nothing can be read from a cache that is down.
      assert.equal((await setPrice(a, 33)).status, 200)
      assert.match((await ask(b, question)).result!, /\$33|33 dollars/, 'the new price through the other instance')
    } finally {
      await redis.start()
    }
    assert.equal(await answerKeys(), 0, 'Redis came back empty')
    for (const server of [a, b]) {
      await waitFor('health to recover', async () => (await health(server)).body.status === 'healthy')
    }
    const again = await waitFor('answers to be cached in Redis again', async () => {
      const answer = await ask(a, question)
      return (await answerKeys()) > 0 ? answer : undefined
    })
    assert.match(again.result!, /\$33|33 dollars/)
    assert.equal((await ask(b, question)).result, again.result)
  })

  it('without PostgreSQL: 503 in the error shape, spoken tool errors, cached assistants; then recovers', async () => {
    const { a, b, postgres } = cluster
    const restaurantKey = { authorization: `Bearer ${restaurant.api_key}` }
    postgres.stopServer()
    try {
      for (const server of [a, b]) {
        const requests = [
          call(server, 'GET', '/api/restaurants'),
          call(server, 'GET', `/api/restaurants/${restaurant.id}/menu-items`, { headers: restaurantKey }),
          setPrice(server, 34),
          call(server, 'GET', '/api/calls', { headers: restaurantKey }),
        ]
        // The dialled number's restaurant is in the shared cache, so a new call still gets its
        // assistant: callers keep being greeted while the database is away.
        const assistant = await call(server, 'POST', '/api/vapi/server', {
          headers: vapiHeaders,
          body: {
            message: {
              type: 'assistant-request',
              call: { id: 'outage-call', type: 'inboundPhoneCall' },
              phoneNumber: { provider: 'twilio', number },
            },
          },
        })
        assert.equal(assistant.status, 200)
        assert.match(assistant.body.assistantOverrides.firstMessage, /Le Petit Bistro/)
        // A tool-calls message always gets 200 with one result per call: Vapi ignores any other status.
        const toolAnswer = await ask(server, { number, query: 'is there anything vegan' })
        assert.equal(toolAnswer.status, 200)
        assert.deepEqual(
          toolAnswer.body.results.map((r: any) => Object.keys(r).sort()),
          [['error', 'name', 'toolCallId']],
        )
        for (const response of await Promise.all(requests)) {
          assert.equal(response.status, 503, JSON.stringify(response.body))
          assert.equal(response.body.error.code, 'service_unavailable')
          assert.equal(typeof response.body.error.message, 'string')
          assert.equal(typeof response.body.error.request_id, 'string')
        }
        const report = await health(server)
        assert.equal(report.status, 503)
        assert.equal(report.body.checks.database.status, 'down')
        assert.equal((await call(server, 'GET', '/api/health/live')).status, 200)
        assert.equal(server.child.exitCode, null, 'the instance is still running')
      }
    } finally {
      postgres.startServer()
    }

    for (const server of [a, b]) {
      await waitFor('the database to be reachable again', async () => (await health(server)).status === 200)
      assert.equal((await call(server, 'GET', '/api/restaurants')).status, 200)
    }
    assert.equal((await setPrice(b, 35)).status, 200)
    const answer = await ask(a, question)
    assert.equal(answer.status, 200)
    assert.match(answer.result!, /\$35|35 dollars/)
    assert.equal(a.child.exitCode, null)
    assert.equal(b.child.exitCode, null)
  })
})

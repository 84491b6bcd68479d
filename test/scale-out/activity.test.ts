import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { createPostgresDatabase, type DatabaseHandle } from '../../src/infra/db/database.ts'
import { activityRepository } from '../../src/modules/activity/activity.repository.ts'
import {
  assertSigned,
  deliveriesOf,
  openEventStream,
  startWebhookReceiver,
  WEBHOOK_SECRET,
  waitUntil,
} from '../../src/modules/activity/activity.test-utils.ts'
import { endOfCallReport } from '../../src/modules/calls/calls.test-utils.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'
import { type Cluster, call, missingServices, operator, startCluster, vapiHeaders } from './cluster.ts'

// Production wiring end to end: two server processes on one PostgreSQL and one Redis, an SSE
// client on one, Vapi's report sent to the other, a POS bridge on 127.0.0.1 that goes down, and
// every server process stopped while an order event is still undelivered.
// The POS bridge listens on 127.0.0.1 over http, which production refuses as a webhook target
// (no loopback, https only): the processes run with NODE_ENV=test, where loopback is allowed.
const LOCAL_RECEIVER = { NODE_ENV: 'test' }
describe('the activity stream and the order webhook across server processes', {
  skip: missingServices ?? false,
}, () => {
  let cluster: Cluster
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
  let database: DatabaseHandle
  let restaurant: { id: string; api_key: string }
  const number = '+14155550199'
  const extra: ServerProcess[] = []

  before(async () => {
    receiver = await startWebhookReceiver()
    cluster = await startCluster(LOCAL_RECEIVER)
    // The test's own connection records order events as order code will (the instances poll for them).
    database = await createPostgresDatabase({ url: cluster.postgres.url, poolSize: 2 })
    const created = await call(cluster.a, 'POST', '/api/restaurants', {
      body: {
        name: 'Two Kitchens',
        phone_numbers: [number],
        settings: { order_webhook: { url: `${receiver.url}/pos`, secret: WEBHOOK_SECRET } },
      },
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    restaurant = created.body
  })
  after(async () => {
    for (const server of extra) await server.stop()
    await database?.close()
    await cluster?.stop()
    await receiver?.close()
  })

  const order = async () => {
    const key = randomUUID()
    await database.withTenant(restaurant.id, (tx) =>
      activityRepository.insert(tx, {
        restaurantId: restaurant.id,
        type: 'order.created',
        data: { id: key },
        idempotencyKey: key,
      }),
    )
    return key
  }

  it('brings a call ended on instance A and an order event to a client of instance B within a second', async () => {
    const stream = await openEventStream(`${cluster.b.url}/api/restaurants/${restaurant.id}/events`, {
      authorization: `Bearer ${restaurant.api_key}`,
    })
    assert.equal(stream.status, 200)
    const callId = randomUUID()
    let started = Date.now()
    const report = await call(cluster.a, 'POST', '/api/vapi/server', {
      headers: vapiHeaders,
      body: { message: endOfCallReport({ callId, dialed: number }) },
    })
    assert.equal(report.status, 200)
    await stream.next((e) => e.type === 'call.ended' && e.data.vapi_call_id === callId, 1_000)
    const callMs = Date.now() - started
    started = Date.now()
    const key = await order()
    await stream.next((e) => e.data.id === key, 1_000)
    await waitUntil('the webhook delivery', () => deliveriesOf(receiver, key).length > 0, 1_000)
    console.log(
      `# processes: call.ended A → B in ${callMs} ms; order to B and the webhook in ${Date.now() - started} ms`,
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.equal(deliveriesOf(receiver, key).length, 1)
    assertSigned(deliveriesOf(receiver, key)[0]!)
    assert.equal(stream.events.filter((e) => e.data.id === key).length, 1)
    stream.close()
  })

  it('delivers once the receiver is back an order event refused while every server process restarted', async () => {
    receiver.down = true
    const key = await order()
    await waitUntil('a refused attempt', () => deliveriesOf(receiver, key).length >= 1)
    await cluster.a.stop()
    await cluster.b.stop()
    receiver.down = false
    extra.push(
      await startServerProcess({
        ...LOCAL_RECEIVER,
        DATABASE_URL: cluster.postgres.url,
        DATABASE_POOL_SIZE: '5',
        REDIS_URL: cluster.redis.url,
        LOG_LEVEL: 'fatal',
      }),
    )
    await waitUntil('the delivery after the restart', () => receiver.deliveries().some((r) => r.body.data.id === key))
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.equal(receiver.deliveries().filter((r) => r.body.data.id === key).length, 1)
    const metrics = await fetch(`${extra[0]!.url}/metrics`, { headers: operator })
    assert.match(await metrics.text(), /^order_webhook_deliveries_total\{outcome="delivered"\} 1$/m)
  })
})

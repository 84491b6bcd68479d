import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { createRedisCache } from '../../infra/cache/redis-cache.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { endOfCallReport } from '../calls/calls.test-utils.ts'
import {
  assertSigned,
  deliveriesOf,
  fastActivity,
  openEventStream,
  recordInTransaction,
  startWebhookReceiver,
  WEBHOOK_SECRET,
  waitUntil,
} from './activity.test-utils.ts'
import { createRedisActivityBus } from './activity-bus.ts'

const redisUrl = process.env.TEST_REDIS_URL
type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>

const withWebhook = (name: string, receiver: Receiver, phone?: string) => ({
  name,
  ...(phone ? { phone_numbers: [phone] } : {}),
  settings: { order_webhook: { url: `${receiver.url}/pos`, secret: WEBHOOK_SECRET } },
})
const orderOn = (t: TestApp, restaurantId: string) => {
  const key = randomUUID()
  return recordInTransaction(t.database, t.deps.activity, {
    restaurantId,
    type: 'order.created',
    data: { id: key },
    idempotencyKey: key,
  }).then(() => key)
}
async function listen(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
}
const settled = () => new Promise((resolve) => setTimeout(resolve, 500))

for (const backend of testBackends()) {
  describe(`order webhook deliveries across restarts and instances on ${backend.name}`, () => {
    let receiver: Receiver
    let database: DatabaseHandle
    before(async () => {
      receiver = await startWebhookReceiver()
      database = await backend.create()
    })
    after(async () => {
      await database.close()
      await receiver.close()
    })

    it('delivers after a restart what the stopped instance committed but could not or did not send', async () => {
      receiver.down = true
      // The first instance leaves the database open when it stops, as a crashed process would.
      const first = await createTestApp(backend, {
        database,
        overrides: { activity: fastActivity(database), closers: [] },
      })
      const restaurant = await first.createRestaurant(withWebhook('Restart Diner', receiver))
      const refused = await orderOn(first, restaurant.id)
      await waitUntil('a refused attempt', () => deliveriesOf(receiver, refused).length >= 1)
      await first.close()
      // Committed after the instance stopped delivering: no kick will ever come for it.
      const unsent = await orderOn(first, restaurant.id)
      receiver.down = false
      const second = await createTestApp(backend, {
        database,
        overrides: { activity: fastActivity(database), closers: [] },
      })
      try {
        await waitUntil('both deliveries', () => receiver.deliveries().some((r) => r.body.data.id === unsent))
        await settled()
        for (const key of [refused, unsent]) {
          const delivered = deliveriesOf(receiver, key).filter((r) => r.reply!.status === 204)
          assert.equal(delivered.length, 1, key)
          assertSigned(delivered[0]!)
        }
      } finally {
        await second.close()
      }
    })

    it('delivers every order event once, in order, when two instances dispatch at the same time', async () => {
      const one = await createTestApp(backend, {
        database,
        overrides: { activity: fastActivity(database), closers: [] },
      })
      const two = await createTestApp(backend, {
        database,
        overrides: { activity: fastActivity(database), closers: [] },
      })
      try {
        receiver.setLatency(15)
        const restaurant = await one.createRestaurant(withWebhook('Busy Diner', receiver))
        const keys: string[] = []
        for (let i = 0; i < 30; i++) keys.push(await orderOn(i % 2 ? two : one, restaurant.id))
        const deliveredKeys = () =>
          receiver
            .deliveries()
            .map((r) => r.body.data.id)
            .filter((key) => keys.includes(key))
        await waitUntil('30 deliveries', () => deliveredKeys().length >= 30, 20_000)
        await settled()
        assert.deepEqual(deliveredKeys(), keys)
      } finally {
        receiver.setLatency(0)
        await two.close()
        await one.close()
      }
    })
  })

  describe(`the activity stream across instances through Redis on ${backend.name}`, {
    skip: redisUrl ? false : 'TEST_REDIS_URL is not set (redis-server not installed)',
  }, () => {
    let receiver: Receiver
    let one: TestApp
    let two: TestApp
    let oneUrl: string
    let twoUrl: string
    const caches: ReturnType<typeof createRedisCache>[] = []
    before(async () => {
      receiver = await startWebhookReceiver()
      const keyPrefix = `activity-${randomUUID()}:`
      const instance = async (database?: DatabaseHandle) => {
        const cache = createRedisCache({ url: redisUrl!, keyPrefix })
        caches.push(cache)
        const db = database ?? (await backend.create())
        return createTestApp(backend, {
          database: db,
          config: { redisUrl },
          overrides: {
            cache,
            activity: fastActivity(db, createRedisActivityBus({ redis: cache.redis })),
            ...(database ? { closers: [] } : {}),
          },
        })
      }
      one = await instance()
      two = await instance(one.database)
      oneUrl = await listen(one)
      twoUrl = await listen(two)
    })
    after(async () => {
      await two?.close()
      await one?.close()
      for (const cache of caches) await cache.close()
      await receiver.close()
    })

    it('brings an ended call and an order recorded on A to a client of B within a second', async () => {
      const number = '+14155550188'
      const restaurant = await one.createRestaurant(withWebhook('Two Doors', receiver, number))
      const stream = await openEventStream(`${twoUrl}/api/restaurants/${restaurant.id}/events`, {
        authorization: `Bearer ${restaurant.api_key}`,
      })
      assert.equal(stream.status, 200)
      const callId = randomUUID()
      let started = Date.now()
      const report = await one.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: { message: endOfCallReport({ callId, dialed: number }) },
      })
      assert.equal(report.statusCode, 200)
      await stream.next((e) => e.type === 'call.ended' && e.data.vapi_call_id === callId, 1_000)
      const callMs = Date.now() - started
      started = Date.now()
      const key = await orderOn(one, restaurant.id)
      await stream.next((e) => e.data.id === key, 1_000)
      const orderMs = Date.now() - started
      await waitUntil('the webhook delivery', () => deliveriesOf(receiver, key).length > 0, 1_000)
      const webhookMs = Date.now() - started
      console.log(`# ${backend.name}: A → B call.ended ${callMs} ms, order ${orderMs} ms, webhook ${webhookMs} ms`)
      await settled()
      assert.equal(deliveriesOf(receiver, key).length, 1)
      assertSigned(deliveriesOf(receiver, key)[0]!)
      stream.close()
    })

    it('streams each event once to clients on both instances while both publish', async () => {
      const restaurant = await one.createRestaurant({ name: 'Crowded Diner' })
      const headers = { authorization: `Bearer ${restaurant.api_key}` }
      const streams = [
        await openEventStream(`${oneUrl}/api/restaurants/${restaurant.id}/events`, headers),
        await openEventStream(`${twoUrl}/api/restaurants/${restaurant.id}/events`, headers),
      ]
      const keys: string[] = []
      for (let i = 0; i < 20; i++) keys.push(await orderOn(i % 2 ? two : one, restaurant.id))
      for (const stream of streams) await stream.next((e) => e.data.id === keys.at(-1))
      await settled()
      for (const stream of streams) {
        assert.deepEqual(
          stream.events.map((e) => e.data.id),
          keys,
        )
        stream.close()
      }
    })
  })
}

for (const backend of testBackends()) {
  describe(`the outbox's retention on ${backend.name}`, () => {
    it('forgets published, settled events past the retention and keeps undelivered ones', async () => {
      const database = await backend.create()
      const receiver = await startWebhookReceiver()
      const t = await createTestApp(backend, {
        database,
        overrides: { activity: fastActivity(database), closers: [] },
      })
      try {
        const restaurant = await t.createRestaurant(withWebhook('Old Diner', receiver))
        const delivered = await orderOn(t, restaurant.id)
        await waitUntil('the delivery', () => deliveriesOf(receiver, delivered).length > 0)
        receiver.down = true
        const pending = await orderOn(t, restaurant.id)
        await waitUntil('a refused attempt', () => deliveriesOf(receiver, pending).length > 0)
        await t.close()
        await database.db.execute(
          sql`UPDATE activity_outbox SET created_at = now() - interval '8 days' WHERE restaurant_id = ${restaurant.id}`,
        )
        // A new instance purges on its first poll (default retention: 7 days).
        const next = await createTestApp(backend, {
          database,
          overrides: {
            activity: fastActivity(database, undefined, {
              retry: { baseMs: 60_000, maxMs: 60_000, giveUpAfterMs: 30 * 86_400_000 },
            }),
          },
        })
        try {
          const left = async () =>
            (
              (await database.db.execute(
                sql`SELECT idempotency_key FROM activity_outbox WHERE restaurant_id = ${restaurant.id}`,
              )) as unknown as { rows: { idempotency_key: string }[] }
            ).rows.map((row) => row.idempotency_key)
          await waitUntil('the purge', async () => !(await left()).includes(delivered))
          assert.deepEqual(await left(), [pending])
        } finally {
          await next.close()
        }
      } finally {
        await receiver.close()
      }
    })
  })
}

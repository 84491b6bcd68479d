import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { as, inviteAndAccept } from '../accounts/accounts.test-utils.ts'
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

const NUMBER = '+14155550177'
type Restaurant = { id: string; api_key: string }

async function listen(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
}

for (const backend of testBackends()) {
  describe(`the activity stream and the order webhook on ${backend.name}`, () => {
    let t: TestApp
    let base: string
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
    let a: Restaurant
    let b: Restaurant
    before(async () => {
      receiver = await startWebhookReceiver()
      const database = await backend.create()
      t = await createTestApp(backend, { database, overrides: { activity: fastActivity(database) } })
      base = await listen(t)
      a = await t.createRestaurant({
        name: 'Stream Diner',
        phone_numbers: [NUMBER],
        settings: { order_webhook: { url: `${receiver.url}/orders`, secret: WEBHOOK_SECRET } },
      })
      b = await t.createRestaurant({ name: 'Other Diner' })
    })
    after(async () => {
      await t.close()
      await receiver.close()
    })
    const events = (id: string) => `${base}/api/restaurants/${id}/events`
    const order = (restaurantId: string, key = randomUUID()) =>
      recordInTransaction(t.database, t.deps.activity, {
        restaurantId,
        type: 'order.created',
        data: { id: key, number: 'A12', total: 31.5 },
        idempotencyKey: key,
      }).then(() => key)

    it('streams call.ended for an end-of-call report, once even when Vapi sends the report again', async () => {
      const stream = await openEventStream(events(a.id), bearer(a.api_key))
      assert.equal(stream.status, 200)
      const callId = randomUUID()
      const report = { message: endOfCallReport({ callId, dialed: NUMBER }) }
      for (let i = 0; i < 2; i++) {
        const response = await t.app.inject({ method: 'POST', url: '/api/vapi/server', headers: vapi, payload: report })
        assert.equal(response.statusCode, 200)
      }
      const event = await stream.next((e) => e.type === 'call.ended' && e.data.vapi_call_id === callId)
      assert.equal(event.restaurant_id, a.id)
      assert.equal(event.data.outcome, 'customer-ended-call')
      assert.equal(event.data.duration_seconds, 95.5)
      assert.match(String(event.data.call_id), /^[0-9a-f-]{36}$/)
      const listed = await t.app.inject({ url: `/api/restaurants/${a.id}/events`, headers: bearer(a.api_key) })
      assert.equal(listed.statusCode, 200)
      assert.equal(listed.json().data.filter((e: any) => e.data.vapi_call_id === callId).length, 1)
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.equal(stream.events.filter((e) => e.data.vapi_call_id === callId).length, 1)
      // call.ended is not an order event: the webhook never hears of it.
      assert.ok(!receiver.requests.some((r) => r.body?.type === 'call.ended'))
      stream.close()
    })

    it('POSTs an order event to the webhook once, signed, with its idempotency key, and streams it', async () => {
      const stream = await openEventStream(events(a.id), bearer(a.api_key))
      const started = Date.now()
      const key = await order(a.id)
      const streamed = await stream.next((e) => e.data.id === key)
      const streamedMs = Date.now() - started
      await waitUntil('the webhook delivery', () => deliveriesOf(receiver, key).length > 0)
      const deliveredMs = Date.now() - started
      await new Promise((resolve) => setTimeout(resolve, 300))
      const [delivery, ...more] = deliveriesOf(receiver, key)
      assert.equal(more.length, 0, 'delivered once')
      assert.equal(delivery!.method, 'POST')
      assert.equal(delivery!.path, '/orders')
      assertSigned(delivery!)
      assert.deepEqual(delivery!.body, streamed)
      assert.equal(delivery!.body.type, 'order.created')
      assert.deepEqual(delivery!.body.data, { id: key, number: 'A12', total: 31.5 })
      assert.ok(streamedMs < 1000 && deliveredMs < 1000, `streamed in ${streamedMs} ms, delivered in ${deliveredMs} ms`)
      console.log(`# ${backend.name}: order event streamed in ${streamedMs} ms, webhook in ${deliveredMs} ms`)
      stream.close()
    })

    it('records an event once per idempotency key', async () => {
      const key = await order(a.id)
      const again = await recordInTransaction(t.database, t.deps.activity, {
        restaurantId: a.id,
        type: 'order.created',
        data: { id: key },
        idempotencyKey: key,
      })
      assert.equal(again.recorded, false)
      await waitUntil('the webhook delivery', () => deliveriesOf(receiver, key).length > 0)
      const listed = await t.app.inject({ url: `/api/restaurants/${a.id}/events?limit=200`, headers: admin })
      assert.equal(listed.json().data.filter((e: any) => e.data.id === key).length, 1)
    })

    it('keeps retrying while the receiver is down and delivers once when it is back, in order', async () => {
      receiver.down = true
      const first = await order(a.id)
      const second = await order(a.id)
      await waitUntil('three failed attempts', () => deliveriesOf(receiver, first).length >= 3)
      // The second waits behind the first: a kitchen printer gets a restaurant's orders in order.
      assert.equal(deliveriesOf(receiver, second).length, 0)
      receiver.down = false
      await waitUntil('both deliveries', () => receiver.deliveries().some((r) => r.body.data.id === second))
      const delivered = receiver.deliveries().filter((r) => [first, second].includes(r.body.data.id))
      assert.deepEqual(
        delivered.map((r) => r.body.data.id),
        [first, second],
      )
      const rows = await t.database.db.execute(
        `SELECT attempts, delivered_at, last_error FROM activity_outbox WHERE idempotency_key = '${first}'` as never,
      )
      const [row] = (rows as unknown as { rows: any[] }).rows
      assert.ok(row.attempts >= 4 && row.delivered_at && row.last_error === null, JSON.stringify(row))
    })

    it('refuses the stream without a credential (401) and to another restaurant (404); staff may watch', async () => {
      const none = await fetch(events(a.id), { headers: { accept: 'text/event-stream' } })
      assert.equal(none.status, 401)
      assert.equal((await none.json()).error.code, 'unauthorized')
      const foreign = await fetch(events(a.id), { headers: { accept: 'text/event-stream', ...bearer(b.api_key) } })
      assert.equal(foreign.status, 404)
      const staff = await inviteAndAccept(t.app, {
        inviter: admin,
        restaurantId: a.id,
        email: `staff-${randomUUID()}@example.com`,
        role: 'staff',
      })
      const stream = await openEventStream(events(a.id), as(staff))
      assert.equal(stream.status, 200)
      const other = await order(b.id)
      const own = await order(a.id)
      await stream.next((e) => e.data.id === own)
      assert.ok(!stream.events.some((e) => e.data.id === other || e.restaurant_id !== a.id))
      stream.close()
    })

    it('sends heartbeat comments and lets go of a client that disconnects', async () => {
      // Streams the earlier tests closed are let go of too.
      await waitUntil('no open stream', () => t.deps.activity.subscribers() === 0)
      const before = 0
      const stream = await openEventStream(events(a.id), bearer(a.api_key))
      await waitUntil('a heartbeat', () => stream.comments.includes('heartbeat'))
      assert.equal(t.deps.activity.subscribers(), before + 1)
      stream.close()
      await waitUntil('the subscription to end', () => t.deps.activity.subscribers() === before)
    })

    it('replays what a reconnecting client missed after its Last-Event-ID', async () => {
      const seen = await order(a.id)
      const listed = await t.app.inject({ url: `/api/restaurants/${a.id}/events?limit=200`, headers: admin })
      const lastId = listed.json().data.find((e: any) => e.data.id === seen).id
      const missed = [await order(a.id), await order(a.id)]
      const stream = await openEventStream(events(a.id), { ...bearer(a.api_key), 'last-event-id': lastId })
      for (const key of missed) await stream.next((e) => e.data.id === key)
      assert.ok(!stream.events.some((e) => e.data.id === seen))
      stream.close()
    })

    it('never exports the webhook secret; an export sent back keeps it, a new one replaces it', async () => {
      const exported = await t.app.inject({ url: `/api/restaurants/${a.id}/export`, headers: bearer(a.api_key) })
      assert.deepEqual(exported.json().settings.order_webhook, { url: `${receiver.url}/orders`, secret: '********' })
      assert.ok(!exported.body.includes(WEBHOOK_SECRET))
      const put = (bundle: unknown) =>
        t.app.inject({ method: 'PUT', url: `/api/restaurants/${a.id}`, headers: admin, payload: bundle as object })
      assert.equal((await put(exported.json())).statusCode, 200)
      const kept = await order(a.id)
      await waitUntil('the webhook delivery', () => deliveriesOf(receiver, kept).length > 0)
      assertSigned(deliveriesOf(receiver, kept)[0]!, WEBHOOK_SECRET)
      const rotated = 'whsec_rotated-secret-42'
      const bundle = exported.json()
      bundle.settings.order_webhook.secret = rotated
      bundle.settings.tax_rate = 0.05
      const replaced = await put(bundle)
      assert.equal(replaced.statusCode, 200)
      // The answer and a read show the settings as stored, the secret hidden.
      const read = await t.app.inject({ url: `/api/restaurants/${a.id}`, headers: bearer(a.api_key) })
      for (const restaurant of [replaced, read]) {
        assert.equal(restaurant.json().settings.tax_rate, 0.05)
        assert.deepEqual(restaurant.json().settings.order_webhook, {
          url: `${receiver.url}/orders`,
          secret: '********',
        })
        assert.ok(!restaurant.body.includes(rotated))
      }
      const signedAnew = await order(a.id)
      await waitUntil('the webhook delivery', () => deliveriesOf(receiver, signedAnew).length > 0)
      assertSigned(deliveriesOf(receiver, signedAnew)[0]!, rotated)
    })

    it('pages the JSON listing forward with after', async () => {
      const first = await t.app.inject({ url: `/api/restaurants/${a.id}/events?limit=2`, headers: admin })
      const page = first.json()
      assert.equal(page.data.length, 2)
      const key = await order(a.id)
      const next = await t.app.inject({
        url: `/api/restaurants/${a.id}/events?after=${page.next_after}`,
        headers: admin,
      })
      assert.deepEqual(
        next.json().data.map((e: any) => e.data.id),
        [key],
      )
      const bad = await t.app.inject({ url: `/api/restaurants/${a.id}/events?after=x`, headers: admin })
      assert.equal(bad.statusCode, 400)
      const head = await t.app.inject({
        method: 'HEAD',
        url: `/api/restaurants/${a.id}/events`,
        headers: { ...admin, accept: 'text/event-stream' },
      })
      assert.equal(head.statusCode, 200)
    })
  })
}

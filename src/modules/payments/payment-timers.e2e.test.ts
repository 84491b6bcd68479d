import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type Stripe from 'stripe'
import { type FakeStripe, startFakeStripe } from '../../../test/fakes/fake-stripe.ts'
import { type FakeTwilio, startFakeTwilio } from '../../../test/fakes/fake-twilio.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { checkoutSessionParams } from './payments.models.ts'
import {
  deliver,
  drivenClock,
  type Notice,
  orderEvents,
  paymentApp,
  paymentsBundle,
  readOrder,
} from './payments.test-utils.ts'

// Our Checkout Session parameters are Stripe's own type (the SDK's), checked at compile time.
export const typedParams: Stripe.Checkout.SessionCreateParams = checkoutSessionParams(
  {
    id: 'o',
    restaurantId: 'r',
    number: 1,
    items: [],
    deliveryFeeCents: 0,
    taxCents: 0,
    currency: 'EUR',
    restaurantName: 'R',
  },
  new Date(),
)

const MANAGER = '+13125550150'

async function waitFor<T>(read: () => T | undefined, ms = 5_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = read()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

// Clock: Friday 2026-12-04, 5 PM in Chicago, moved by the test; timers run by it, not by real time.
for (const backend of testBackends()) {
  describe(`unpaid orders: reminders and expiry, across restarts and instances, on ${backend.name}`, () => {
    const clock = drivenClock()
    const notices: Notice[] = []
    let stripe: FakeStripe
    let twilio: FakeTwilio
    let database: DatabaseHandle

    before(async () => {
      stripe = await startFakeStripe({ clock })
      twilio = await startFakeTwilio()
      database = await backend.create()
    })
    after(async () => {
      await database.close()
      await stripe.close()
      await twilio.close()
    })

    const start = () => paymentApp(backend, { stripe, twilio, clock, notices }, database)
    const textsTo = (orderUrl: string) => twilio.messages.filter((m) => m.body.includes(orderUrl)).length
    let restaurants = 0
    const restaurant = async (t: TestApp, unpaid: 'cancel' | 'pay_at_pickup', settings = {}) => {
      restaurants += 1
      const number = `+1312555020${restaurants}`
      const created = await t.createRestaurant({
        ...paymentsBundle({ mode: 'link', unpaid }, settings),
        name: `Pizzeria ${restaurants}`,
        phone_numbers: [number],
      })
      return { ...created, number }
    }
    const place = async (t: TestApp, number: string, callId: string) => {
      const { callOrderTool } = await import('../orders/orders.test-utils.ts')
      const placed = await callOrderTool(t, {
        tool: 'place_order',
        number,
        callId,
        at: clock.now().toISOString(),
        args: { items: [{ name: 'tiramisu', quantity: 3 }], fulfillment: 'delivery', postal_code: '60647' },
      })
      assert.equal(placed.metadata.outcome, 'awaiting_payment', placed.text)
      return placed
    }

    it('reminds at 5, 10 and 20 minutes, then expires the session and cancels at 30, across a restart', async () => {
      const first = await start()
      const shop = await restaurant(first, 'cancel')
      const placed = await place(first, shop.number, 'timer-call-1')
      const orderId = placed.metadata.order_id
      const url = (await readOrder(first, shop, orderId)).payment.url as string
      assert.equal(textsTo(url), 1)
      // The first instance stops; the next one finds the timers in the database.
      await first.close()
      const t = await start()
      try {
        for (const [minutes, texts] of [
          [4, 1],
          [1, 2],
          [5, 3],
          [9, 3],
          [1, 4],
          [9, 4],
        ] as const) {
          clock.advanceMinutes(minutes)
          await t.deps.payments!.runDueTimers()
          assert.equal(textsTo(url), texts, `texts with the link after +${minutes} minutes`)
        }
        assert.equal((await readOrder(t, shop, orderId)).status, 'awaiting_payment')
        clock.advanceMinutes(1)
        await t.deps.payments!.runDueTimers()
        const order = await readOrder(t, shop, orderId)
        assert.equal(order.status, 'cancelled')
        assert.deepEqual(order.payment, { status: 'expired' })
        const session = [...stripe.sessions.values()].find((s) => s.metadata.order_id === orderId)!
        assert.equal(session.status, 'expired', 'expired through the SDK')
        assert.match(twilio.messages.at(-1)!.body, /was not paid in time and is cancelled/)
        assert.match(notices.at(-1)!.text, /cancelled/)
        assert.deepEqual(await orderEvents(t, shop.id, orderId), [], 'the kitchen never saw it')
        assert.throws(() => stripe.pay(session.id), /nobody can pay it/)
      } finally {
        await t.close()
      }
    })

    it('unpaid: pay_at_pickup sends the expired order to the kitchen; settings.notify hears of it', async () => {
      // The real restaurant notifier: an SMS to the number in settings.notify.
      const t = await paymentApp(backend, { stripe, twilio, clock }, database)
      try {
        const shop = await restaurant(t, 'pay_at_pickup', { notify: { sms: [MANAGER] } })
        const orderId = (await place(t, shop.number, 'timer-call-2')).metadata.order_id
        clock.advanceMinutes(30)
        await t.deps.payments!.runDueTimers()
        const order = await readOrder(t, shop, orderId)
        assert.equal(order.status, 'new')
        assert.deepEqual(order.payment, { status: 'expired' })
        assert.deepEqual(await orderEvents(t, shop.id, orderId), ['order.created'])
        assert.ok(twilio.messages.some((m) => /please pay \$29\.46 when you collect it/.test(m.body)))
        const told = await waitFor(() => twilio.messages.find((m) => m.to === MANAGER))
        assert.match(told.body, /was not paid by link; it is now on the Orders page, to be paid at pickup/)
      } finally {
        await t.close()
      }
    })

    it('out of order: paid at Stripe, expiry runs before the webhook arrives, the order goes through', async () => {
      const t = await start()
      try {
        const shop = await restaurant(t, 'cancel')
        const orderId = (await place(t, shop.number, 'timer-call-5')).metadata.order_id
        const session = [...stripe.sessions.values()].find((s) => s.metadata.order_id === orderId)!
        const paid = stripe.pay(session.id)
        clock.advanceMinutes(30)
        await t.deps.payments!.runDueTimers()
        assert.equal((await readOrder(t, shop, orderId)).status, 'awaiting_payment', 'not cancelled: it was paid')
        // Stripe signs each delivery attempt anew, with the time it is sent.
        const retried = { payload: paid.payload, signature: stripe.sign(paid.payload, clock.now()) }
        assert.equal((await deliver(t, retried)).json().outcome, 'paid')
        assert.equal((await readOrder(t, shop, orderId)).status, 'new')
        // Cancelled by staff, then a payment: nothing changes, the restaurant is told.
        const other = (await place(t, shop.number, 'timer-call-6')).metadata.order_id
        const cancel = await t.app.inject({
          method: 'PATCH',
          url: `/api/restaurants/${shop.id}/orders/${other}`,
          headers: { authorization: `Bearer ${shop.api_key}` },
          payload: { status: 'cancelled' },
        })
        assert.equal(cancel.statusCode, 200, cancel.body)
        const otherSession = [...stripe.sessions.values()].find((s) => s.metadata.order_id === other)!
        assert.equal((await deliver(t, stripe.pay(otherSession.id))).json().outcome, 'late')
        assert.equal((await readOrder(t, shop, other)).status, 'cancelled')
        assert.match(notices.at(-1)!.subject, /paid after it was cancelled/)
        assert.deepEqual(await orderEvents(t, shop.id, other), [])
      } finally {
        await t.close()
      }
    })

    it('a caller who cancels an unpaid order by phone: its link dies at once, no reminder follows', async () => {
      const t = await start()
      try {
        const { callOrderTool } = await import('../orders/orders.test-utils.ts')
        const shop = await restaurant(t, 'cancel')
        const placed = await place(t, shop.number, 'timer-call-cancel')
        const orderId = placed.metadata.order_id
        const url = (await readOrder(t, shop, orderId)).payment.url as string
        const cancelled = await callOrderTool(t, {
          tool: 'cancel_order',
          number: shop.number,
          callId: 'timer-call-cancel-2',
          at: clock.now().toISOString(),
          args: {},
        })
        assert.equal(cancelled.metadata.outcome, 'cancelled', cancelled.text)
        await t.deps.payments!.runDueTimers()
        const session = [...stripe.sessions.values()].find((s) => s.metadata.order_id === orderId)!
        assert.equal(session.status, 'expired', 'expired through the SDK, without waiting for expire_minutes')
        assert.throws(() => stripe.pay(session.id), /nobody can pay it/)
        assert.deepEqual((await readOrder(t, shop, orderId)).payment, { status: 'expired' })
        clock.advanceMinutes(30)
        await t.deps.payments!.runDueTimers()
        assert.equal(textsTo(url), 1, 'the link was texted once, and no reminder after the cancel')
        assert.deepEqual(await orderEvents(t, shop.id, orderId), [], 'the kitchen never saw it')
      } finally {
        await t.close()
      }
    })

    it('a paid order cancelled afterwards is refunded once through Stripe, and the caller is texted', async () => {
      const t = await start()
      try {
        const { callOrderTool } = await import('../orders/orders.test-utils.ts')
        const shop = await restaurant(t, 'cancel')
        const payFor = async (callId: string) => {
          const orderId = (await place(t, shop.number, callId)).metadata.order_id
          const session = [...stripe.sessions.values()].find((s) => s.metadata.order_id === orderId)!
          assert.equal((await deliver(t, stripe.pay(session.id))).json().outcome, 'paid')
          return { orderId, session }
        }
        // The staff cancel a paid order: the refund runs as a job, and a second run refunds nothing more.
        const byStaff = await payFor('refund-call-1')
        const cancel = await t.app.inject({
          method: 'PATCH',
          url: `/api/restaurants/${shop.id}/orders/${byStaff.orderId}`,
          headers: { authorization: `Bearer ${shop.api_key}` },
          payload: { status: 'cancelled' },
        })
        assert.equal(cancel.statusCode, 200, cancel.body)
        await t.deps.payments!.runDueTimers()
        await t.deps.payments!.runDueTimers()
        const staffRefunds = stripe.refunds.filter((r) => r.payment_intent === byStaff.session.payment_intent)
        assert.deepEqual(
          staffRefunds.map((r) => ({ amount: r.amount, currency: r.currency, order: r.metadata.order_id })),
          [{ amount: byStaff.session.amount_total, currency: 'usd', order: byStaff.orderId }],
        )
        const refunded = await readOrder(t, shop, byStaff.orderId)
        assert.equal(refunded.payment.status, 'paid')
        assert.equal(refunded.payment.refunded_at, clock.now().toISOString())
        assert.match(twilio.messages.at(-1)!.body, /is cancelled and your payment of \$\d+\.\d\d is refunded/)

        // The caller cancels their paid order by phone while it is still new: told, and refunded the same way.
        const byCaller = await payFor('refund-call-2')
        const said = await callOrderTool(t, {
          tool: 'cancel_order',
          number: shop.number,
          callId: 'refund-call-3',
          at: clock.now().toISOString(),
          args: {},
        })
        assert.match(said.text, /is cancelled; .* paid by link will be refunded to the card/)
        await t.deps.payments!.runDueTimers()
        assert.equal(stripe.refunds.filter((r) => r.payment_intent === byCaller.session.payment_intent).length, 1)
        assert.ok((await readOrder(t, shop, byCaller.orderId)).payment.refunded_at)

        // Refunded by hand in Stripe's dashboard first: Stripe refuses, the restaurant is told once, no retry.
        const byHand = await payFor('refund-call-4')
        const amount = byHand.session.amount_total
        stripe.refunds.push({ id: 're_dashboard', amount, payment_intent: byHand.session.payment_intent, metadata: {} })
        const cancelled = await t.app.inject({
          method: 'PATCH',
          url: `/api/restaurants/${shop.id}/orders/${byHand.orderId}`,
          headers: { authorization: `Bearer ${shop.api_key}` },
          payload: { status: 'cancelled' },
        })
        assert.equal(cancelled.statusCode, 200, cancelled.body)
        await t.deps.payments!.runDueTimers()
        clock.advanceMinutes(5)
        await t.deps.payments!.runDueTimers()
        const told = notices.filter((n) => /Refund needed for order/.test(n.subject))
        assert.equal(told.length, 1)
        assert.match(told[0]!.text, /already been refunded/)
        assert.equal((await readOrder(t, shop, byHand.orderId)).payment.refunded_at, undefined)
      } finally {
        await t.close()
      }
    })

    it('two instances running the timers at once send each reminder once and expire once', async () => {
      const one = await start()
      const two = await start()
      try {
        // Both instances run their passes side by side below. Their own pollers stop first: a pass
        // could otherwise straddle the test's jump of the clock, which outruns any lease (a real pass
        // takes milliseconds, not the minutes the clock jumps).
        await Promise.all([one.deps.payments!.close(), two.deps.payments!.close()])
        const shop = await restaurant(one, 'cancel')
        const orderId = (await place(one, shop.number, 'timer-call-3')).metadata.order_id
        const url = (await readOrder(one, shop, orderId)).payment.url as string
        // This order's session only: a timer an earlier test left due may run in these passes too.
        const session = [...stripe.sessions.values()].find((s) => s.metadata.order_id === orderId)!
        const expiries = () => stripe.requests.filter((r) => r.path.endsWith(`/${session.id}/expire`)).length
        for (const minutes of [5, 5, 10, 10]) {
          clock.advanceMinutes(minutes)
          await Promise.all([one.deps.payments!.runDueTimers(), two.deps.payments!.runDueTimers()])
        }
        await new Promise((resolve) => setTimeout(resolve, 300))
        assert.equal(textsTo(url), 4, 'the link once, and three reminders')
        assert.equal(expiries(), 1)
        assert.equal((await readOrder(two, shop, orderId)).status, 'cancelled')
      } finally {
        await one.close()
        await two.close()
      }
    })

    it('a payment after a restart, on another instance, reaches the kitchen once', async () => {
      const first = await start()
      const shop = await restaurant(first, 'cancel')
      const orderId = (await place(first, shop.number, 'timer-call-4')).metadata.order_id
      await first.close()
      const t = await start()
      try {
        const session = [...stripe.sessions.values()].find((s) => s.metadata.order_id === orderId)!
        assert.equal((await deliver(t, stripe.pay(session.id))).json().outcome, 'paid')
        assert.equal((await readOrder(t, shop, orderId)).status, 'new')
        clock.advanceMinutes(40)
        await t.deps.payments!.runDueTimers()
        assert.equal((await readOrder(t, shop, orderId)).status, 'new', 'no timer runs after the payment')
        assert.deepEqual(await orderEvents(t, shop.id, orderId), ['order.created'])
      } finally {
        await t.close()
      }
    })
  })
}

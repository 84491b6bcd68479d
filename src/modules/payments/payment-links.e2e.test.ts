import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Stripe from 'stripe'
import { type FakeStripe, startFakeStripe } from '../../../test/fakes/fake-stripe.ts'
import { type FakeTwilio, startFakeTwilio } from '../../../test/fakes/fake-twilio.ts'
import { bearer, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { CALLER, PIZZERIA_NUMBER } from '../orders/orders.test-utils.ts'
import {
  deliver,
  drivenClock,
  type Notice,
  orderEvents,
  paymentApp,
  paymentsBundle,
  placeDelivery,
  readOrder,
} from './payments.test-utils.ts'

// Clock: Friday 2026-12-04, 5 PM in Chicago (Nonna's is open), moved by the test.
for (const backend of testBackends()) {
  describe(`payment by text link (Stripe) on ${backend.name}`, () => {
    const clock = drivenClock()
    const notices: Notice[] = []
    let stripe: FakeStripe
    let twilio: FakeTwilio
    let t: TestApp
    let pizzeria: { id: string; api_key: string }

    before(async () => {
      stripe = await startFakeStripe({ clock })
      twilio = await startFakeTwilio()
      t = await paymentApp(backend, { stripe, twilio, clock, notices })
      pizzeria = await t.createRestaurant(paymentsBundle({ mode: 'link_above', link_above_amount: 100 }))
    })
    after(async () => {
      await t.close()
      await stripe.close()
      await twilio.close()
    })

    const sessionOf = async (orderId: string) => {
      const session = [...stripe.sessions.values()].find((s) => s.metadata.order_id === orderId)
      assert.ok(session, 'a checkout session for the order')
      return session
    }

    it('a delivery order gets a Checkout Session for exactly its lines, fee and tax, and the link by SMS', async () => {
      const placed = await placeDelivery(t, 'pay-call-1')
      assert.match(placed.text, /^Order number 101 comes to \$29\.46: I have texted a payment link/)
      assert.match(placed.text, /goes to the kitchen as soon as it is paid/)
      const session = await sessionOf(placed.metadata.order_id)
      assert.equal(session.amount_total, 2946)
      assert.equal(session.currency, 'usd')
      assert.equal(session.metadata.restaurant_id, pizzeria.id)
      const create = stripe.requests.find((r) => r.path === '/v1/checkout/sessions')!
      assert.equal(create.headers['idempotency-key'], `checkout:${placed.metadata.order_id}`)
      assert.equal(create.body['line_items[0][quantity]'], '3')
      assert.equal(create.body['line_items[0][price_data][unit_amount]'], '800')
      assert.equal(create.body['line_items[1][price_data][product_data][name]'], 'Delivery fee')
      assert.equal(create.body['line_items[2][price_data][unit_amount]'], '246')
      const sms = twilio.messages.at(-1)!
      assert.deepEqual([sms.from, sms.to], [PIZZERIA_NUMBER, CALLER])
      assert.equal(sms.body, `Nonna's Pizzeria: order 101, $29.46. Pay here and we start preparing it: ${session.url}`)

      const order = await readOrder(t, pizzeria, placed.metadata.order_id)
      assert.equal(order.status, 'awaiting_payment')
      assert.deepEqual(order.payment, { status: 'pending', url: session.url })
      const kitchen = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${pizzeria.id}/orders`,
        headers: bearer(pizzeria.api_key),
      })
      assert.equal(kitchen.json().data.length, 0, 'the kitchen does not list an unpaid order')
      assert.deepEqual(await orderEvents(t, pizzeria.id, placed.metadata.order_id), [])
    })

    it('checkout.session.completed makes it new and paid, and only then is there an order.created', async () => {
      const orderId = (await placeDelivery(t, 'pay-call-2')).metadata.order_id
      const signed = stripe.pay((await sessionOf(orderId)).id)
      // The fake signs exactly as the SDK's own test helper does.
      const sdk = new Stripe('sk_test_x')
      const timestamp = Math.floor(clock.now().getTime() / 1000)
      assert.equal(
        signed.signature,
        sdk.webhooks.generateTestHeaderString({ payload: signed.payload, secret: stripe.webhookSecret, timestamp }),
      )
      const response = await deliver(t, signed)
      assert.equal(response.statusCode, 200, response.body)
      assert.deepEqual(response.json(), { received: true, outcome: 'paid' })
      const order = await readOrder(t, pizzeria, orderId)
      assert.equal(order.status, 'new')
      assert.deepEqual(order.payment, { status: 'paid', paid_at: clock.now().toISOString() })
      assert.deepEqual(await orderEvents(t, pizzeria.id, orderId), ['order.created'])
      assert.match(twilio.messages.at(-1)!.body, /payment received/)

      // The same event again, then late: nothing changes, no second order.created.
      assert.equal((await deliver(t, signed)).json().outcome, 'ignored')
      assert.deepEqual(await orderEvents(t, pizzeria.id, orderId), ['order.created'])
      assert.equal((await readOrder(t, pizzeria, orderId)).payment.paid_at, order.payment.paid_at)
    })

    it('a forged, altered or stale event is refused with 400 and changes nothing', async () => {
      const orderId = (await placeDelivery(t, 'pay-call-3')).metadata.order_id
      const signed = stripe.pay((await sessionOf(orderId)).id)
      const forged = { payload: signed.payload, signature: stripe.sign(signed.payload, clock.now(), 'whsec_other') }
      const altered = { payload: signed.payload.replace('"paid"', '"paid" '), signature: signed.signature }
      const stale = stripe.pay((await sessionOf(orderId)).id, { at: new Date(clock.now().getTime() - 6 * 60_000) })
      for (const bad of [forged, altered, stale, { payload: signed.payload, signature: '' }]) {
        const response = await deliver(t, bad)
        assert.equal(response.statusCode, 400, response.body)
      }
      assert.equal((await readOrder(t, pizzeria, orderId)).status, 'awaiting_payment')
      assert.deepEqual(await orderEvents(t, pizzeria.id, orderId), [])
    })

    it('a payment of another amount is refused: the order waits, the restaurant is told', async () => {
      const placed = await placeDelivery(t, 'pay-call-4')
      const signed = stripe.pay((await sessionOf(placed.metadata.order_id)).id, { amountTotal: 100 })
      assert.equal((await deliver(t, signed)).json().outcome, 'refused_amount')
      const order = await readOrder(t, pizzeria, placed.metadata.order_id)
      assert.equal(order.status, 'awaiting_payment')
      assert.equal(notices.at(-1)?.orderId, placed.metadata.order_id)
      assert.match(notices.at(-1)!.subject, /wrong amount/)
    })

    it('Resend link texts the same link again; a paid order has none to resend (409)', async () => {
      const orderId = (await placeDelivery(t, 'pay-call-5')).metadata.order_id
      const sent = twilio.messages.length
      const resend = (id: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/restaurants/${pizzeria.id}/orders/${id}/payment-link`,
          headers: bearer(pizzeria.api_key),
        })
      const response = await resend(orderId)
      assert.equal(response.statusCode, 200, response.body)
      assert.equal(twilio.messages.length, sent + 1)
      assert.equal(twilio.messages.at(-1)!.body, twilio.messages.at(-2)!.body)
      assert.equal(stripe.sessions.size, [...stripe.sessions.values()].length)
      await deliver(t, stripe.pay((await sessionOf(orderId)).id))
      assert.equal((await resend(orderId)).statusCode, 409)
    })

    it('the same idempotency key with other parameters is refused by Stripe (the fake checks it)', async () => {
      const sdk = new Stripe(stripe.secretKey, { host: '127.0.0.1', port: new URL(stripe.url).port, protocol: 'http' })
      const params: Stripe.Checkout.SessionCreateParams = {
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'X' } } }],
      }
      const first = await sdk.checkout.sessions.create(params, { idempotencyKey: 'same-key' })
      const again = await sdk.checkout.sessions.create(params, { idempotencyKey: 'same-key' })
      assert.equal(again.id, first.id)
      await assert.rejects(
        sdk.checkout.sessions.create({ ...params, client_reference_id: 'other' }, { idempotencyKey: 'same-key' }),
        (error: InstanceType<typeof Stripe.errors.StripeError>) => error.type === 'StripeIdempotencyError',
      )
    })
  })
}

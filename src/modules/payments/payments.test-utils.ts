import type { FakeStripe, SignedEvent } from '../../../test/fakes/fake-stripe.ts'
import type { FakeTwilio } from '../../../test/fakes/fake-twilio.ts'
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import type { Backend } from '../../../test/support/database.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { callOrderTool, FRIDAY_5PM, ORDER_SETTINGS, pizzeriaBundle } from '../orders/orders.test-utils.ts'
import type { RestaurantNotifier } from './payments.types.ts'

/** The app's clock, moved by the test (reminders and expiry run by it, never by setTimeout). */
export function drivenClock(start = FRIDAY_5PM) {
  let now = new Date(start)
  return {
    now: () => now,
    advanceMinutes(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000)
    },
  }
}

export type Notice = Parameters<RestaurantNotifier>[0]

/** The production app wired to the fake Stripe and Twilio; `database` shares one (restart, instances). */
export function paymentApp(
  backend: Backend,
  /** Without `notices`, the restaurant is told through the real notifier (settings.notify). */
  fakes: { stripe: FakeStripe; twilio: FakeTwilio; clock: { now(): Date }; notices?: Notice[] },
  database?: DatabaseHandle,
): Promise<TestApp> {
  return createTestApp(backend, {
    ...(database && { database }),
    config: {
      twilioAccountSid: fakes.twilio.accountSid,
      twilioAuthToken: fakes.twilio.authToken,
      twilioApiBaseUrl: fakes.twilio.url,
      stripeSecretKey: fakes.stripe.secretKey,
      stripeWebhookSecret: fakes.stripe.webhookSecret,
      stripeApiUrl: fakes.stripe.url,
    },
    overrides: {
      clock: fakes.clock,
      ...(fakes.notices && {
        notifyRestaurant: async (notice: Notice) => {
          fakes.notices?.push(notice)
        },
      }),
      // A shared database outlives each instance, as after a crash or a restart.
      ...(database && { closers: [] }),
    },
  })
}

export const paymentsBundle = (payments: Record<string, unknown>, settings: Record<string, unknown> = {}) =>
  pizzeriaBundle({ settings: { ...ORDER_SETTINGS, ...settings, payments } })

/** A delivery order to Logan Square (fee $3.00) through place_order, as Vapi sends it. */
export const placeDelivery = (t: TestApp, callId: string) =>
  callOrderTool(t, {
    tool: 'place_order',
    callId,
    args: {
      items: [{ name: 'tiramisu', quantity: 3 }],
      fulfillment: 'delivery',
      postal_code: '60647',
      customer_name: 'Ada',
    },
  })

export const deliver = (t: TestApp, signed: Pick<SignedEvent, 'payload' | 'signature'>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/payments/stripe/webhook',
    headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
    payload: signed.payload,
  })

export async function readOrder(t: TestApp, restaurant: { id: string; api_key: string }, orderId: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/restaurants/${restaurant.id}/orders/${orderId}`,
    headers: bearer(restaurant.api_key),
  })
  return response.json()
}

/** The order events of the restaurant's activity stream for one order. */
export async function orderEvents(t: TestApp, restaurantId: string, orderId: string) {
  const events = await t.deps.activity.recent({ restaurantId, limit: 500 })
  return events.filter((event) => event.data.id === orderId).map((event) => event.type)
}

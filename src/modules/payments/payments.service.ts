import type { OrderRow } from '../orders/orders.repository.ts'
import { resendPaymentLink, startPayment } from './payment-links.usecases.ts'
import { createPaymentTimers } from './payment-timers.ts'
import { handleStripeWebhook } from './payment-webhook.usecases.ts'
import type { PaymentsDeps } from './payments.types.ts'

/** Payment by text link: built only when Stripe is configured (STRIPE_SECRET_KEY). */
export function createPayments(deps: PaymentsDeps, options: { pollMs?: number } = {}) {
  const timers = createPaymentTimers(deps, options)
  return {
    startPayment: (order: OrderRow) => startPayment(deps, order),
    resendLink: (input: { restaurantId: string; orderId: string }) => resendPaymentLink(deps, input),
    handleWebhook: (input: { rawBody: string; signature: string | undefined }) => handleStripeWebhook(deps, input),
    /** Runs the reminders and expiries due by the app's clock (the poller does this every second). */
    runDueTimers: timers.runDue,
    start: timers.start,
    close: timers.close,
  }
}
export type Payments = ReturnType<typeof createPayments>

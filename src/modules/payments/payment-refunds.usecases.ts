import { isStripeRefusal } from '../../infra/stripe/stripe-client.ts'
import { speakMoney } from '../../shared/money.ts'
import { tellRestaurant, textCaller } from './payment-texts.usecases.ts'
import { type ClaimedJob, createPaymentsRepository } from './payments.repository.ts'
import type { PaymentsDeps } from './payments.types.ts'

/**
 * A paid order cancelled afterwards (by the staff, or by the caller while it was still new): the
 * whole payment goes back through Stripe, once (the order's id is the idempotency key, so a retry
 * after a crash or a timeout cannot refund twice), then the caller is texted. Network and server
 * failures are retried by the job; a refusal cannot be, so the restaurant is told to refund by hand.
 */
export async function refundCancelledOrder(deps: PaymentsDeps, job: ClaimedJob) {
  const { restaurantId, orderId } = job
  const order = await deps.database.withTenant(restaurantId, (tx) =>
    createPaymentsRepository({ db: tx, restaurantId }).findOrder(orderId),
  )
  if (order?.status !== 'cancelled' || order.paymentStatus !== 'paid' || order.refundedAt) return
  const total = speakMoney(order.totalCents, order.currency)
  const byHand = (why: string) =>
    tellRestaurant(
      deps,
      order,
      `Refund needed for order ${order.number}`,
      `Order ${order.number} (${total}) was paid and then cancelled, but Stripe did not refund it (${why}). ` +
        "Please refund it from Stripe's dashboard.",
    )
  let refunded: { refundId: string } | null
  try {
    refunded = order.paymentSessionId
      ? await deps.gateway.refundCheckoutSession(order.paymentSessionId, `refund:${order.id}`)
      : null
  } catch (error) {
    if (!isStripeRefusal(error)) throw error
    return byHand(error instanceof Error ? error.message : String(error))
  }
  if (!refunded) return byHand('no payment was found on its checkout session')
  const marked = await deps.database.withTenant(restaurantId, (tx) =>
    createPaymentsRepository({ db: tx, restaurantId }).markRefunded(orderId, {
      id: refunded.refundId,
      at: deps.clock.now(),
    }),
  )
  if (marked) await textCaller(deps, marked, 'refunded')
}

import type Stripe from 'stripe'
import { AppError } from '../../shared/errors.ts'
import { speakMoney } from '../../shared/money.ts'
import { releaseToKitchen } from '../orders/kitchen.usecases.ts'
import type { OrderRow } from '../orders/orders.repository.ts'
import { tellRestaurant, textCaller } from './payment-texts.usecases.ts'
import { chargedAmount, checkoutLineItems } from './payments.models.ts'
import { createPaymentsRepository } from './payments.repository.ts'
import type { PaymentsDeps } from './payments.types.ts'

export type WebhookOutcome = 'paid' | 'ignored' | 'refused_amount' | 'late'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * POST /api/payments/stripe/webhook. The signature is checked by the SDK over the raw body
 * (forged, altered or older than 5 minutes: 400, nothing read). Only a completed, paid session
 * that is the order's own, for exactly its amount and currency, moves awaiting_payment → new; the
 * move is conditional, so a replayed or late event changes nothing.
 */
export async function handleStripeWebhook(
  deps: PaymentsDeps,
  { rawBody, signature }: { rawBody: string; signature: string | undefined },
): Promise<WebhookOutcome> {
  if (!signature) throw new AppError('bad_signature', 'Missing Stripe-Signature header', 400)
  let event: Stripe.Event
  try {
    event = deps.gateway.verifyEvent(rawBody, signature, deps.clock.now())
  } catch {
    throw new AppError('bad_signature', 'The Stripe-Signature does not verify this body (or it is too old)', 400)
  }
  if (event.type !== 'checkout.session.completed') return 'ignored'
  const session = event.data.object
  const orderId = session.metadata?.order_id
  const restaurantId = session.metadata?.restaurant_id
  if (!orderId || !restaurantId || !UUID.test(orderId) || !UUID.test(restaurantId)) return 'ignored'
  if (session.payment_status !== 'paid') return 'ignored'

  const result = await deps.database.withTenant(restaurantId, async (tx) => {
    const payments = createPaymentsRepository({ db: tx, restaurantId })
    const order = await payments.lockOrder(orderId)
    if (!order || order.paymentSessionId !== session.id) return { outcome: 'ignored' as const }
    if (order.status !== 'awaiting_payment')
      return { outcome: order.paymentStatus === 'paid' ? ('ignored' as const) : ('late' as const), order }
    const expected = chargedAmount(checkoutLineItems(order))
    if (session.amount_total !== expected || session.currency !== order.currency.toLowerCase())
      return { outcome: 'refused_amount' as const, order }
    const paid = await payments.settle(orderId, { status: 'new', paymentStatus: 'paid', paidAt: deps.clock.now() })
    if (!paid) return { outcome: 'ignored' as const }
    await payments.dropTimers(orderId, deps.clock.now())
    await releaseToKitchen(tx, deps.activity, paid)
    return { outcome: 'paid' as const, order: paid }
  })
  const { outcome, order } = result as { outcome: WebhookOutcome; order?: OrderRow }
  if (outcome === 'paid' && order) {
    deps.activity.kick()
    await textCaller(deps, order, 'paid')
  }
  if (outcome === 'refused_amount' && order) {
    deps.logger.warn({ restaurantId, orderId, session: session.id }, 'stripe payment refused: amount differs')
    await tellRestaurant(
      deps,
      order,
      `Order ${order.number}: payment of the wrong amount`,
      `Stripe reported ${session.amount_total} ${session.currency?.toUpperCase()} (smallest unit) for order ` +
        `${order.number}, which comes to ${speakMoney(order.totalCents, order.currency)}. The order was not ` +
        'sent to the kitchen; check the payment in Stripe.',
    )
  }
  if (outcome === 'late' && order) {
    await tellRestaurant(
      deps,
      order,
      `Order ${order.number}: paid after it was ${order.status}`,
      `Stripe reports order ${order.number} paid, but it was already ${order.status}. Refund or honour it in Stripe.`,
    )
  }
  return outcome
}

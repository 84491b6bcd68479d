import { eq } from 'drizzle-orm'
import { restaurants } from '../../infra/db/schema.ts'
import { conflict, notFound } from '../../shared/errors.ts'
import type { OrderRow } from '../orders/orders.repository.ts'
import { textCaller } from './payment-texts.usecases.ts'
import { checkoutSessionParams } from './payments.models.ts'
import { createPaymentsRepository } from './payments.repository.ts'
import type { PaymentsDeps } from './payments.types.ts'

// Stripe accepts a session's expires_at 30 minutes to 24 hours ahead; a minute's slack for the call.
const STRIPE_MIN_EXPIRY_MS = 31 * 60_000

/** Deterministic from the order, so that the same idempotency key always carries the same parameters. */
const sessionExpiry = (order: OrderRow) =>
  new Date(Math.max(order.paymentExpiresAt?.getTime() ?? 0, order.createdAt.getTime() + STRIPE_MIN_EXPIRY_MS))

/**
 * The order's Checkout Session: created through the SDK under the idempotency key
 * `checkout:<order id>` (a retry, a resend or a restart gets the same session back), stored on
 * the order. Undefined when Stripe could not make one.
 */
async function ensureSession(deps: PaymentsDeps, order: OrderRow): Promise<OrderRow | undefined> {
  if (order.paymentUrl) return order
  const { restaurantId } = order
  const name = await deps.database.withTenant(restaurantId, async (tx) => {
    const [row] = await tx.select({ name: restaurants.name }).from(restaurants).where(eq(restaurants.id, restaurantId))
    return row?.name ?? 'Restaurant'
  })
  try {
    const session = await deps.gateway.createCheckoutSession(
      checkoutSessionParams({ ...order, restaurantName: name }, sessionExpiry(order)),
      `checkout:${order.id}`,
    )
    return await deps.database.withTenant(restaurantId, (tx) =>
      createPaymentsRepository({ db: tx, restaurantId }).setSession(order.id, session),
    )
  } catch (error) {
    deps.logger.error({ err: error, restaurantId, orderId: order.id }, 'stripe checkout session not created')
    return undefined
  }
}

/**
 * After place_order committed an order awaiting payment: its link, texted to the caller.
 * Without a session the order is cancelled (the kitchen never saw it) and the caller is told so.
 */
export async function startPayment(
  deps: PaymentsDeps,
  order: OrderRow,
): Promise<{ linked: true; texted: boolean } | { linked: false }> {
  const linked = await ensureSession(deps, order)
  if (!linked) {
    await deps.database.withTenant(order.restaurantId, async (tx) => {
      const payments = createPaymentsRepository({ db: tx, restaurantId: order.restaurantId })
      await payments.settle(order.id, { status: 'cancelled', paymentStatus: 'expired' })
      await payments.dropTimers(order.id, deps.clock.now())
    })
    return { linked: false }
  }
  return { linked: true, texted: await textCaller(deps, linked, 'link') }
}

/** POST …/orders/:orderId/payment-link: the same link texted again while the order awaits payment. */
export async function resendPaymentLink(
  deps: PaymentsDeps,
  { restaurantId, orderId }: { restaurantId: string; orderId: string },
) {
  const order = await deps.database.withTenant(restaurantId, (tx) =>
    createPaymentsRepository({ db: tx, restaurantId }).findOrder(orderId),
  )
  if (!order) throw notFound('Order')
  if (order.status !== 'awaiting_payment')
    throw conflict(`Order ${order.number} is ${order.status}: there is no payment to ask for`, { status: order.status })
  if (!order.customerPhone) throw conflict(`Order ${order.number} has no caller number to text the link to`)
  const linked = await ensureSession(deps, order)
  if (!linked) throw conflict('Stripe did not create the payment link; try again in a moment')
  if (!(await textCaller(deps, linked, 'link')))
    throw conflict('The text message did not go out (no SMS sender or Twilio refused it); try again later')
  return { order: linked }
}

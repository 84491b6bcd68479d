import type Stripe from 'stripe'
import type { OrderLine } from '../../infra/db/schema.ts'
import type { PaymentsSettings } from './payments.schemas.ts'

export const DEFAULT_EXPIRE_MINUTES = 30
/** Minutes after placing at which an unpaid caller is reminded (those before the expiry). */
export const REMINDER_MINUTES = [5, 10, 20] as const

/** Whether an order is paid by link before the kitchen sees it (delivery always, with any link mode). */
export function needsPaymentLink(
  payments: PaymentsSettings | undefined,
  order: { fulfillment: 'pickup' | 'delivery'; totalCents: number },
): boolean {
  if (!payments || payments.mode === 'at_pickup') return false
  if (payments.mode === 'link' || order.fulfillment === 'delivery') return true
  return order.totalCents > Math.round((payments.link_above_amount ?? 0) * 100)
}

export const expireMinutesOf = (payments: PaymentsSettings | undefined) =>
  payments?.expire_minutes ?? DEFAULT_EXPIRE_MINUTES

/** The timers of one unpaid order: reminders before the expiry, then the expiry itself. */
export function paymentTimers(placedAt: Date, payments: PaymentsSettings | undefined) {
  const expire = expireMinutesOf(payments)
  const at = (minutes: number) => new Date(placedAt.getTime() + minutes * 60_000)
  return [
    ...REMINDER_MINUTES.filter((minutes) => minutes < expire).map((minutes) => ({
      kind: 'reminder' as const,
      dueAt: at(minutes),
    })),
    { kind: 'expire' as const, dueAt: at(expire) },
  ]
}

/**
 * Stripe amounts are in the currency's smallest unit (cents for USD, yen for JPY); ours are
 * always hundredths. Intl knows how many decimals each ISO 4217 currency has.
 */
export function toMinorUnits(cents: number, currency: string): number {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  return Math.round((cents * 10 ** digits) / 100)
}

type PayableOrder = {
  id: string
  restaurantId: string
  number: number
  items: OrderLine[]
  deliveryFeeCents: number
  taxCents: number
  currency: string
}

/** What the caller is charged: exactly the order's lines, delivery fee and tax, as priced. */
export function checkoutLineItems(order: PayableOrder): Stripe.Checkout.SessionCreateParams.LineItem[] {
  const currency = order.currency.toLowerCase()
  const line = (name: string, cents: number, quantity = 1) => ({
    quantity,
    price_data: { currency, unit_amount: toMinorUnits(cents, order.currency), product_data: { name } },
  })
  const items = order.items.map((item) =>
    line(
      item.options.length > 0 ? `${item.name} (${item.options.join(', ')})` : item.name,
      item.unit_price_cents,
      item.quantity,
    ),
  )
  if (order.deliveryFeeCents > 0) items.push(line('Delivery fee', order.deliveryFeeCents))
  if (order.taxCents > 0) items.push(line('Tax', order.taxCents))
  return items
}

/** The amount Stripe will report in `amount_total` for these line items. */
export const chargedAmount = (items: Stripe.Checkout.SessionCreateParams.LineItem[]) =>
  items.reduce((sum, item) => sum + (item.price_data?.unit_amount ?? 0) * (item.quantity ?? 1), 0)

export function checkoutSessionParams(
  order: PayableOrder & { restaurantName: string },
  expiresAt: Date,
): Stripe.Checkout.SessionCreateParams {
  const metadata = { order_id: order.id, restaurant_id: order.restaurantId, order_number: String(order.number) }
  return {
    mode: 'payment',
    line_items: checkoutLineItems(order),
    client_reference_id: order.id,
    metadata,
    payment_intent_data: { metadata, description: `${order.restaurantName}, order ${order.number}` },
    // Stripe accepts 30 minutes to 24 hours; our own timer expires it at expire_minutes anyway.
    expires_at: Math.floor(expiresAt.getTime() / 1000),
  }
}

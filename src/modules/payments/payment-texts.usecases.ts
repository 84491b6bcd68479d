import { eq } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { describeTwilioError } from '../../infra/twilio/twilio-client.ts'
import { speakMoney } from '../../shared/money.ts'
import type { OrderRow } from '../orders/orders.repository.ts'
import { createOrdersRepository } from '../orders/orders.repository.ts'
import type { PaymentsDeps } from './payments.types.ts'

export type PaymentText = 'link' | 'reminder' | 'paid' | 'cancelled' | 'pay_at_pickup' | 'refunded'

function bodyOf(kind: PaymentText, order: OrderRow, restaurantName: string): string {
  const total = speakMoney(order.totalCents, order.currency)
  const head = `${restaurantName}: order ${order.number}`
  switch (kind) {
    case 'link':
      return `${head}, ${total}. Pay here and we start preparing it: ${order.paymentUrl}`
    case 'reminder':
      return `${head} is waiting for your payment of ${total}: ${order.paymentUrl}`
    case 'paid':
      return `${head}: payment received, thank you. It is with the kitchen now.`
    case 'cancelled':
      return `${head} was not paid in time and is cancelled. Call us to order again.`
    case 'refunded':
      return `${head} is cancelled and your payment of ${total} is refunded; your bank shows it within a few days.`
    case 'pay_at_pickup':
      return `${head} was not paid online; it is with the kitchen now, please pay ${total} when you collect it.`
  }
}

/**
 * Texts the caller about their order's payment, from the restaurant's own number (the SMS path of
 * order confirmations). Returns whether a text went out; a failure is logged without the number.
 */
export async function textCaller(
  deps: Pick<PaymentsDeps, 'database' | 'sms' | 'logger'>,
  order: OrderRow,
  kind: PaymentText,
): Promise<boolean> {
  if (!deps.sms || !order.customerPhone) return false
  try {
    const { name, from } = await senderOf(deps.database, order.restaurantId)
    if (!from) return false
    await deps.sms.send({ from, to: order.customerPhone, body: bodyOf(kind, order, name) })
    return true
  } catch (error) {
    deps.logger.warn(
      { restaurantId: order.restaurantId, orderId: order.id, kind, twilio: describeTwilioError(error) },
      'payment SMS failed',
    )
    return false
  }
}

async function senderOf(database: DatabaseHandle, restaurantId: string) {
  return database.withTenant(restaurantId, async (tx) => {
    const [row] = await tx.select({ name: restaurants.name }).from(restaurants).where(eq(restaurants.id, restaurantId))
    const from = await createOrdersRepository({ db: tx, restaurantId }).senderNumber()
    return { name: row?.name ?? 'Your order', from }
  })
}

/** Tells the restaurant; its failure is logged and never undoes what happened to the order. */
export async function tellRestaurant(
  deps: Pick<PaymentsDeps, 'notifyRestaurant' | 'logger'>,
  order: OrderRow,
  subject: string,
  text: string,
) {
  try {
    await deps.notifyRestaurant({ restaurantId: order.restaurantId, orderId: order.id, subject, text })
  } catch (error) {
    deps.logger.warn({ err: error, restaurantId: order.restaurantId, orderId: order.id }, 'restaurant not told')
  }
}

import { eq } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { describeTwilioError } from '../../infra/twilio/twilio-client.ts'
import type { SmsSender } from '../../infra/twilio/twilio-sms.ts'
import { speakMoney } from '../../shared/money.ts'
import type { Settings } from '../restaurants/restaurant-settings.schemas.ts'
import { speakLine, speakNotes } from './order-speech.models.ts'
import type { Placed } from './order-taking.usecases.ts'
import { createOrdersRepository } from './orders.repository.ts'

/**
 * Texts the caller their order, from the restaurant's own number, when the restaurant has
 * sms_confirmations on. Runs after the order is committed; a failure is logged (without the
 * caller's number) and never reaches the order.
 */
export async function sendOrderConfirmation({
  database,
  sms,
  restaurant,
  placed,
  logger,
}: {
  database: DatabaseHandle
  sms: SmsSender
  restaurant: { id: string; name: string }
  placed: Placed
  logger: Pick<FastifyBaseLogger, 'warn'>
}): Promise<void> {
  const { order } = placed
  try {
    if (!order.customerPhone) return
    const { settings, from } = await database.withTenant(restaurant.id, async (tx) => {
      const [row] = await tx
        .select({ settings: restaurants.settings })
        .from(restaurants)
        .where(eq(restaurants.id, restaurant.id))
      const from = await createOrdersRepository({ db: tx, restaurantId: restaurant.id }).senderNumber()
      return { settings: (row?.settings ?? {}) as Settings, from }
    })
    if (settings.sms_confirmations !== true || !from) return
    const how = order.fulfillment === 'delivery' ? 'delivery' : 'pickup'
    const body =
      `${restaurant.name}: order ${order.number} confirmed. ${speakNotes(order)}` +
      `${order.items.map((line) => speakLine(line, order.currency)).join('; ')}. ` +
      `Total ${speakMoney(order.totalCents, order.currency)}, ready for ${how} ${placed.readySpoken}.`
    await sms.send({ from, to: order.customerPhone, body })
  } catch (error) {
    logger.warn(
      { restaurantId: restaurant.id, orderId: order.id, twilio: describeTwilioError(error) },
      'order confirmation SMS failed; the order stands',
    )
  }
}

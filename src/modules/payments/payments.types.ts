import type { FastifyBaseLogger } from 'fastify'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { PaymentGateway } from '../../infra/stripe/stripe-client.ts'
import type { SmsSender } from '../../infra/twilio/twilio-sms.ts'
import type { Clock } from '../../shared/events.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'

/**
 * Tells the restaurant's staff about an order that needs them (unpaid, wrong amount). A small
 * parameter so that the restaurant notifier (settings.notify) is wired in one line.
 */
export type RestaurantNotifier = (input: {
  restaurantId: string
  subject: string
  text: string
  orderId?: string
}) => Promise<void>

export type PaymentsDeps = {
  database: DatabaseHandle
  gateway: PaymentGateway
  sms: SmsSender | undefined
  clock: Clock
  activity: ActivityRecorder
  logger: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>
  notifyRestaurant: RestaurantNotifier
}

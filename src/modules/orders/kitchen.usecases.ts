import type { Database } from '../../infra/db/database.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import type { OrderRow } from './orders.repository.ts'
import { formatOrderForApi } from './orders.usecases.ts'

/**
 * The single point where the kitchen gets an order: its `order.created` event (event streams,
 * the order webhook, and whatever else listens, such as a point of sale). Called in the
 * transaction that makes the order visible: when it is placed without a payment link, when its
 * link is paid, or when an unpaid order turns into pay-at-pickup. Never at `awaiting_payment`.
 * The idempotency key makes a second call for the same order record nothing.
 */
export async function releaseToKitchen(tx: Database, activity: ActivityRecorder | undefined, order: OrderRow) {
  if (order.status === 'awaiting_payment') throw new Error(`order ${order.id} is not paid yet`)
  await activity?.record(tx, {
    restaurantId: order.restaurantId,
    type: 'order.created',
    data: formatOrderForApi(order),
    idempotencyKey: `order.created:${order.id}`,
  })
}

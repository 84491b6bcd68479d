import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import { speakMoney } from '../../shared/money.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import { createPaymentsRepository } from '../payments/payments.repository.ts'
import type { ActionToolHandler, ToolContext } from '../vapi/tools.types.ts'
import { speakMoment } from './order-time.models.ts'
import { createOrdersRepository, type OrderRow } from './orders.repository.ts'
import { formatOrderForApi } from './orders.usecases.ts'

// After the order: order_status and cancel_order. The caller's orders are found by the number
// they call from (Vapi's customer.number), in their restaurant only; neither tool takes arguments,
// so the model can never name another caller's order.

/** A caller may still cancel by phone only before the kitchen takes the order on. */
export const CANCELLABLE_STATUSES: readonly string[] = ['awaiting_payment', 'new']
/** "Where is my order" is about today's orders: older ones are not read out. */
export const RECENT_ORDER_HOURS = 48
const LISTED = 3

const STATUS_WORDS: Record<string, string> = {
  awaiting_payment: 'waiting for payment',
  new: 'received and waiting for the kitchen to accept it',
  accepted: 'being prepared',
  ready: 'ready',
  completed: 'completed',
  cancelled: 'cancelled',
}
const statusWords = (status: string) => STATUS_WORDS[status] ?? status

/** payment may not exist on an order yet (payment links come with another change): read it if there. */
function paymentWords(order: OrderRow): string {
  const payment = (order as { payment?: { status?: unknown } | null }).payment
  switch (payment?.status) {
    case 'paid':
      return 'paid'
    case 'pending':
      return 'waiting for payment by the link we texted'
    case 'expired':
      return 'the payment link expired'
    default:
      return `to pay at ${order.fulfillment === 'delivery' ? 'delivery' : 'pickup'}`
  }
}

const noNumber: ToolAnswer = {
  result:
    "I can't see the number you're calling from, so I can't find your order. Offer to transfer the " +
    'caller to the restaurant or to take a message.',
  metadata: { outcome: 'refused', reason: 'no_caller_number' },
}
const noOrders: ToolAnswer = {
  result:
    "I don't see a recent order from the number you're calling from. If it was placed from another " +
    'phone, offer to transfer the caller to the restaurant.',
  metadata: { outcome: 'none' },
}

function describe(order: OrderRow, context: ToolContext): string {
  const when = speakMoment(order.pickupTime, context.now, context.restaurant.timezone)
  const how = order.fulfillment === 'delivery' ? 'delivery' : 'pickup'
  const ready = ['completed', 'cancelled'].includes(order.status) ? '' : `, for ${how} ${when}`
  return (
    `Order ${order.number} is ${statusWords(order.status)}${ready}; total ${speakMoney(order.totalCents)}, ` +
    `${paymentWords(order)}.`
  )
}

const summary = (order: OrderRow) => ({
  number: order.number,
  status: order.status,
  ready_at: order.pickupTime.toISOString(),
  total: order.totalCents / 100,
})

/** The caller's latest recent order, for a message left about it (a complaint); null without one. */
export async function latestCallerOrderId({
  db,
  restaurantId,
  phone,
  now,
}: {
  db: Database
  restaurantId: string
  phone: string
  now: Date
}): Promise<string | null> {
  const since = new Date(now.getTime() - RECENT_ORDER_HOURS * 3_600_000)
  const [latest] = await createOrdersRepository({ db, restaurantId }).callerOrders({ phone, since, limit: 1 })
  return latest?.id ?? null
}

export function createOrderFollowUpHandlers({
  database,
  activity,
}: {
  database: DatabaseHandle
  activity?: ActivityRecorder
}): { order_status: ActionToolHandler; cancel_order: ActionToolHandler } {
  const since = (now: Date) => new Date(now.getTime() - RECENT_ORDER_HOURS * 3_600_000)

  return {
    async order_status({ context }) {
      const phone = context.callerNumber
      if (!phone) return noNumber
      const restaurantId = context.restaurant.id
      const found = await database.withTenant(restaurantId, (tx) =>
        createOrdersRepository({ db: tx, restaurantId }).callerOrders({
          phone,
          since: since(context.now),
          limit: LISTED,
        }),
      )
      if (found.length === 0) return noOrders
      return {
        result: found.map((order) => describe(order, context)).join(' '),
        metadata: { outcome: 'found', orders: found.map(summary) },
      }
    },

    async cancel_order({ context }) {
      const phone = context.callerNumber
      if (!phone) return noNumber
      const restaurantId = context.restaurant.id
      const answer = await database.withTenant(restaurantId, async (tx): Promise<ToolAnswer> => {
        const orders = createOrdersRepository({ db: tx, restaurantId })
        await orders.lock()
        const found = await orders.callerOrders({ phone, since: since(context.now), limit: LISTED })
        const latest = found.find((order) => order.status !== 'cancelled')
        if (!latest) return found.length > 0 ? alreadyCancelled(found[0]!) : noOrders
        if (!CANCELLABLE_STATUSES.includes(latest.status)) return notCancellable(latest)
        const cancelled = await orders.setStatus({ id: latest.id, from: latest.status, to: 'cancelled' })
        if (!cancelled) return notCancellable({ ...latest, status: 'accepted' })
        // As a staff cancel: an unpaid link dies now (no kitchen event, it never reached the kitchen); paid, refunded.
        await createPaymentsRepository({ db: tx, restaurantId }).onCancelled(latest, context.now)
        if (latest.status !== 'awaiting_payment')
          await activity?.record(tx, { restaurantId, type: 'order.updated', data: formatOrderForApi(cancelled) })
        const paid = speakMoney(cancelled.totalCents, cancelled.currency)
        const refund =
          latest.paymentStatus === 'paid'
            ? ` The ${paid} paid by link will be refunded to the card; a text confirms it.`
            : ''
        return {
          result: `Order ${cancelled.number} is cancelled; the kitchen won't make it.${refund}`,
          metadata: { outcome: 'cancelled', ...summary(cancelled) },
        }
      })
      if (answer.metadata?.outcome === 'cancelled') activity?.kick()
      return answer
    },
  }
}

const alreadyCancelled = (order: OrderRow): ToolAnswer => ({
  result: `Order ${order.number} is already cancelled.`,
  metadata: { outcome: 'refused', reason: 'already_cancelled', ...summary(order) },
})

const notCancellable = (order: OrderRow): ToolAnswer => ({
  result:
    `Order ${order.number} is already ${statusWords(order.status)}, so it can't be cancelled by phone ` +
    'any more. Say so and offer to transfer the caller to the restaurant (transfer_call), or to take a message.',
  metadata: { outcome: 'refused', reason: 'not_cancellable', ...summary(order) },
})

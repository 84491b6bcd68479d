import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { OrderStatus } from '../../infra/db/schema.ts'
import { conflict, notFound } from '../../shared/errors.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import { createPaymentsRepository } from '../payments/payments.repository.ts'
import { createOrdersRepository, type OrderRow } from './orders.repository.ts'

// The kitchen's side of an order: list, read, move it along.

const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  // Only its payment (the Stripe webhook) makes it new; staff may cancel it.
  awaiting_payment: ['cancelled'],
  new: ['accepted', 'cancelled'],
  accepted: ['ready', 'cancelled'],
  ready: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
}

export const canMove = (from: OrderStatus, to: OrderStatus) => NEXT[from].includes(to)

const dollars = (cents: number) => cents / 100

// Allergies and notes come first: whoever reads an order (kitchen screen, webhook) sees them first.
export const formatOrderForApi = (row: OrderRow) => ({
  allergies: row.allergies,
  notes: row.notes,
  id: row.id,
  number: row.number,
  status: row.status,
  fulfillment: row.fulfillment,
  items: row.items.map((line) => ({
    name: line.name,
    quantity: line.quantity,
    options: line.options,
    ...(line.notes ? { notes: line.notes } : {}),
    unit_price: dollars(line.unit_price_cents),
    line_total: dollars(line.line_total_cents),
  })),
  subtotal: dollars(row.subtotalCents),
  delivery_fee: dollars(row.deliveryFeeCents),
  tax: dollars(row.taxCents),
  total: dollars(row.totalCents),
  customer_name: row.customerName,
  customer_phone: row.customerPhone,
  postal_code: row.postalCode,
  pickup_time: row.pickupTime.toISOString(),
  vapi_call_id: row.vapiCallId,
  currency: row.currency,
  payment: {
    status: row.paymentStatus,
    ...(row.paymentUrl && row.paymentStatus === 'pending' ? { url: row.paymentUrl } : {}),
    ...(row.paidAt ? { paid_at: row.paidAt.toISOString() } : {}),
    ...(row.refundedAt ? { refunded_at: row.refundedAt.toISOString() } : {}),
  },
  ...(row.posOrderId && { pos_order_id: row.posOrderId }),
  ...(row.posError && { pos_error: row.posError }),
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
})

type Scope = { database: DatabaseHandle; restaurantId: string }

export async function listOrders({ database, restaurantId, status }: Scope & { status?: OrderStatus }) {
  const rows = await database.withTenant(restaurantId, (tx) =>
    createOrdersRepository({ db: tx, restaurantId }).list({ status }),
  )
  return { orders: rows }
}

export async function getOrder({ database, restaurantId, orderId }: Scope & { orderId: string }) {
  const row = await database.withTenant(restaurantId, (tx) =>
    createOrdersRepository({ db: tx, restaurantId }).get(orderId),
  )
  if (!row) throw notFound('Order')
  return { order: row }
}

/** Moves an order one step (or cancels it while open); any other move is a 409 naming the allowed ones. */
export async function changeOrderStatus({
  database,
  restaurantId,
  orderId,
  status,
  activity,
  now,
}: Scope & { orderId: string; status: OrderStatus; activity?: ActivityRecorder; now?: Date }) {
  const order = await database.withTenant(restaurantId, async (tx) => {
    const orders = createOrdersRepository({ db: tx, restaurantId })
    const current = await orders.get(orderId)
    if (!current) throw notFound('Order')
    if (!canMove(current.status, status)) {
      const allowed = NEXT[current.status]
      const hint = allowed.length > 0 ? `; it can move to ${allowed.join(' or ')}` : '; it is closed'
      throw conflict(`Order ${current.number} is ${current.status} and cannot become ${status}${hint}`, {
        status: current.status,
        allowed,
      })
    }
    const moved = await orders.setStatus({ id: orderId, from: current.status, to: status })
    if (!moved) throw conflict(`Order ${current.number} changed meanwhile; reload it and try again`)
    // An unpaid order never reached the kitchen: its cancellation is no kitchen event, and its link must die now;
    // a paid one is refunded.
    if (status === 'cancelled')
      await createPaymentsRepository({ db: tx, restaurantId }).onCancelled(current, now ?? new Date())
    if (current.status !== 'awaiting_payment')
      await activity?.record(tx, { restaurantId, type: 'order.updated', data: formatOrderForApi(moved) })
    return moved
  })
  activity?.kick()
  return { order }
}

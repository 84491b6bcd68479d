import { and, eq, inArray, sql } from 'drizzle-orm'
import { rowsOf } from '../../infra/db/database.ts'
import { backoffMs } from '../../infra/db/delivery-queue.ts'
import { menuItems, modifiers, orders } from '../../infra/db/schema.ts'
import { speakNotes } from '../orders/order-speech.models.ts'
import { posCatalogLinks, posConnections, posOrderPushes } from './pos.tables.ts'
import type { PosOrder, PushResult } from './pos.types.ts'
import { type ConnectionDeps, credentialsOf } from './pos-connections.usecases.ts'

/** A claimed push is this instance's for this long (longer than the SDK's 15 s timeout). */
const LEASE_MS = 60_000
const RETRY = { baseMs: 1_000, maxMs: 5 * 60_000 }

/** Tells the restaurant that its POS refused an order. */
export type RefusalNotifier = (input: {
  restaurantId: string
  orderId: string
  orderNumber: number
  reason: string
}) => Promise<void>

export type PushDeps = ConnectionDeps & { notifyRefusal: RefusalNotifier }

/**
 * Queues every `order.created` event of the durable activity outbox (written in the order's own
 * transaction; payments make it fire only once an order is paid) for the POS of its restaurant.
 * The cursor moves in the same transaction as the queueing, so nothing is queued twice or lost.
 */
export async function queuePlacedOrders(deps: PushDeps) {
  await deps.database.db.transaction(async (tx) => {
    const connections = await tx
      .select({ restaurantId: posConnections.restaurantId, cursor: posConnections.orderCursor })
      .from(posConnections)
      .where(eq(posConnections.provider, deps.provider.name))
      .for('update', { skipLocked: true })
    for (const { restaurantId, cursor } of connections) {
      const placed = rowsOf<{ id: string; order_id: string }>(
        await tx.execute(sql`
          SELECT id::text, data->>'id' AS order_id FROM activity_outbox
          WHERE restaurant_id = ${restaurantId} AND type = 'order.created' AND id > ${cursor}
          ORDER BY id LIMIT 200`),
      )
      if (placed.length === 0) continue
      await tx.execute(sql`
        INSERT INTO pos_order_pushes (order_id, restaurant_id, provider)
        SELECT o.id, o.restaurant_id, ${deps.provider.name} FROM orders o
        WHERE o.restaurant_id = ${restaurantId} AND o.id::text IN ${placed.map((row) => row.order_id)}
        ON CONFLICT (order_id) DO NOTHING`)
      await tx
        .update(posConnections)
        .set({ orderCursor: Number(placed.at(-1)!.id) })
        .where(and(eq(posConnections.restaurantId, restaurantId), eq(posConnections.provider, deps.provider.name)))
    }
  })
}

/** Pushes the due orders once each: claimed with a lease (FOR UPDATE SKIP LOCKED across instances). */
export async function pushDueOrders(deps: PushDeps): Promise<number> {
  const claimed = rowsOf<{ order_id: string; restaurant_id: string; attempts: number }>(
    await deps.database.db.execute(sql`
      UPDATE pos_order_pushes SET attempts = attempts + 1,
        next_attempt_at = now() + ${LEASE_MS}::double precision * interval '1 millisecond'
      WHERE order_id IN (
        SELECT order_id FROM pos_order_pushes
        WHERE state = 'pending' AND next_attempt_at <= now() AND provider = ${deps.provider.name}
        ORDER BY next_attempt_at LIMIT 10 FOR UPDATE SKIP LOCKED)
      RETURNING order_id::text, restaurant_id::text, attempts`),
  )
  await Promise.all(
    claimed.map(async (push) => {
      const result = await pushOne(deps, push.restaurant_id, push.order_id).catch(
        (error: Error): PushResult => ({ outcome: 'retry', error: error.message }),
      )
      await settle(deps, { ...push, attempts: Number(push.attempts) }, result)
    }),
  )
  return claimed.length
}

async function pushOne(deps: PushDeps, restaurantId: string, orderId: string): Promise<PushResult> {
  const [connection] = await deps.database.withTenant(restaurantId, (tx) =>
    tx
      .select()
      .from(posConnections)
      .where(and(eq(posConnections.restaurantId, restaurantId), eq(posConnections.provider, deps.provider.name))),
  )
  if (!connection) return { outcome: 'refused', reason: 'the point of sale was disconnected' }
  const order = await loadPosOrder(deps, restaurantId, orderId)
  if (!order) return { outcome: 'refused', reason: 'the order no longer exists' }
  return deps.provider.pushOrder(await credentialsOf(deps, connection), order)
}

/** Our order with the POS ids the sync kept, matched by the names the lines carry. */
async function loadPosOrder(deps: PushDeps, restaurantId: string, orderId: string): Promise<PosOrder | undefined> {
  return deps.database.withTenant(restaurantId, async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.restaurantId, restaurantId)))
    if (!order) return undefined
    const names = [...new Set(order.items.flatMap((line) => [line.name, ...line.options]))]
    const idsOf = async (table: typeof menuItems | typeof modifiers, kind: 'item' | 'modifier') => {
      const rows =
        names.length === 0
          ? []
          : await tx
              .select({ name: table.name, externalId: posCatalogLinks.externalId })
              .from(table)
              .innerJoin(posCatalogLinks, and(eq(posCatalogLinks.localId, table.id), eq(posCatalogLinks.kind, kind)))
              .where(and(eq(table.restaurantId, restaurantId), inArray(table.name, names)))
      return new Map(rows.map((row) => [row.name.toLowerCase(), row.externalId]))
    }
    const itemIds = await idsOf(menuItems, 'item')
    const modifierIds = await idsOf(modifiers, 'modifier')
    return {
      id: order.id,
      number: order.number,
      fulfillment: order.fulfillment,
      lines: order.items.map((line) => ({
        ...line,
        externalId: itemIds.get(line.name.toLowerCase()) ?? null,
        modifiers: line.options.map((name) => ({ name, externalId: modifierIds.get(name.toLowerCase()) ?? null })),
      })),
      customerName: order.customerName,
      customerPhone: order.customerPhone,
      postalCode: order.postalCode,
      // Orders record the delivery postcode only; the street is in the notes when the caller gave it.
      deliveryAddress: null,
      pickupTime: order.pickupTime,
      // The party's allergies first, as everywhere the order appears.
      notes: speakNotes(order).trim() || null,
      currency: order.currency,
    }
  })
}

async function settle(
  deps: PushDeps,
  push: { order_id: string; restaurant_id: string; attempts: number },
  result: PushResult,
) {
  const { order_id: orderId, restaurant_id: restaurantId } = push
  const now = deps.clock.now()
  const refusedNumber = await deps.database.withTenant(restaurantId, async (tx) => {
    const mine = and(eq(posOrderPushes.orderId, orderId), eq(posOrderPushes.attempts, push.attempts))
    if (result.outcome === 'created') {
      await tx
        .update(posOrderPushes)
        .set({ state: 'pushed', posOrderId: result.posOrderId, nextAttemptAt: null, lastError: null, updatedAt: now })
        .where(mine)
      await tx.update(orders).set({ posOrderId: result.posOrderId, posError: null }).where(eq(orders.id, orderId))
    } else if (result.outcome === 'retry') {
      const delay = Math.max(result.retryAfterMs ?? 0, backoffMs(push.attempts, RETRY))
      await tx
        .update(posOrderPushes)
        .set({
          nextAttemptAt: sql`now() + ${delay}::double precision * interval '1 millisecond'`,
          lastError: result.error,
          updatedAt: now,
        })
        .where(mine)
    } else {
      await tx
        .update(posOrderPushes)
        .set({ state: 'refused', nextAttemptAt: null, lastError: result.reason, updatedAt: now })
        .where(mine)
      const [order] = await tx
        .update(orders)
        .set({ posError: `Square refused this order: ${result.reason}` })
        .where(eq(orders.id, orderId))
        .returning({ number: orders.number })
      return order?.number
    }
    return undefined
  })
  if (result.outcome === 'refused' && refusedNumber !== undefined)
    await deps.notifyRefusal({ restaurantId, orderId, orderNumber: refusedNumber, reason: result.reason })
}

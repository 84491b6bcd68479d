import { and, eq } from 'drizzle-orm'
import { menuItems, type OrderStatus, orders } from '../../infra/db/schema.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import { canMove, changeOrderStatus } from '../orders/orders.usecases.ts'
import { posCatalogLinks, posConnections, posOrderPushes } from './pos.tables.ts'
import type { PosEvent } from './pos.types.ts'
import { type SyncDeps, syncCatalog } from './pos-sync.usecases.ts'

export type EventDeps = SyncDeps & { activity: ActivityRecorder }

/** The way forward through our statuses, for a POS that jumps (Square: PROPOSED → PREPARED). */
const FORWARD: OrderStatus[] = ['new', 'accepted', 'ready', 'completed']

/** Applies verified POS events: catalog → re-sync, stock → the item's availability, fulfillment → status. */
export async function applyPosEvents(deps: EventDeps, events: PosEvent[]) {
  for (const event of events) {
    const connections = await deps.database.db
      .select({ restaurantId: posConnections.restaurantId, locationId: posConnections.locationId })
      .from(posConnections)
      .where(and(eq(posConnections.provider, deps.provider.name), eq(posConnections.merchantId, event.merchantId)))
    for (const { restaurantId, locationId } of connections) {
      if (event.kind === 'catalog_changed') await syncCatalog(deps, restaurantId)
      else if (event.kind === 'stock_changed' && event.locationId === locationId)
        await setAvailability(deps, restaurantId, event.itemId, event.available)
      else if (event.kind === 'order_status') await followStatus(deps, restaurantId, event.posOrderId, event.status)
    }
  }
}

async function setAvailability(deps: EventDeps, restaurantId: string, externalId: string, available: boolean) {
  const changed = await deps.database.withTenant(restaurantId, async (tx) => {
    const [link] = await tx
      .select({ localId: posCatalogLinks.localId })
      .from(posCatalogLinks)
      .where(
        and(
          eq(posCatalogLinks.restaurantId, restaurantId),
          eq(posCatalogLinks.kind, 'item'),
          eq(posCatalogLinks.externalId, externalId),
        ),
      )
    if (!link) return false
    const updated = await tx
      .update(menuItems)
      .set({ available, availableAgainAt: null, updatedAt: deps.clock.now() })
      .where(and(eq(menuItems.id, link.localId), eq(menuItems.restaurantId, restaurantId)))
      .returning({ id: menuItems.id })
    if (updated.length === 0) return false
    await deps.restaurantEvents.changing(tx, { restaurantId, categories: ['menu'] })
    return true
  })
  // Drops the answer and quote caches on every instance (versions in the shared cache).
  if (changed) await deps.restaurantEvents.changed({ restaurantId, categories: ['menu'] })
}

async function followStatus(deps: EventDeps, restaurantId: string, posOrderId: string, status: OrderStatus) {
  const [order] = await deps.database.withTenant(restaurantId, (tx) =>
    tx
      .select({ id: orders.id, status: orders.status })
      .from(posOrderPushes)
      .innerJoin(orders, eq(orders.id, posOrderPushes.orderId))
      .where(and(eq(posOrderPushes.restaurantId, restaurantId), eq(posOrderPushes.posOrderId, posOrderId))),
  )
  if (!order) return
  const steps =
    status === 'cancelled' ? [status] : FORWARD.slice(FORWARD.indexOf(order.status) + 1, FORWARD.indexOf(status) + 1)
  let current = order.status
  for (const step of steps) {
    if (!canMove(current, step)) return
    await changeOrderStatus({
      database: deps.database,
      activity: deps.activity,
      restaurantId,
      orderId: order.id,
      status: step,
    })
    current = step
  }
}

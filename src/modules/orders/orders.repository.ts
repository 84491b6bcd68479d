import { and, asc, desc, eq, gte, max, ne, sql } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import {
  deliveryZones,
  menuItems,
  modifiers,
  type OrderStatus,
  orders,
  restaurantPhoneMappings,
  restaurants,
} from '../../infra/db/schema.ts'
import type { Settings } from '../restaurants/restaurant-settings.schemas.ts'
import type { Catalog } from './order-pricing.models.ts'

export type OrderRow = typeof orders.$inferSelect
export type NewOrder = Omit<typeof orders.$inferInsert, 'id' | 'number' | 'restaurantId' | 'updatedAt'>

/** Orders of one restaurant, over a transaction already scoped to it (withTenant). */
export function createOrdersRepository({ db, restaurantId }: { db: Database; restaurantId: string }) {
  const own = eq(orders.restaurantId, restaurantId)
  return {
    /** The menu, modifiers, zones and settings an order is priced from; sequential (one connection). */
    async loadCatalog(): Promise<{ catalog: Catalog; settings: Settings }> {
      const [restaurant] = await db
        .select({ settings: restaurants.settings, currency: restaurants.currency })
        .from(restaurants)
        .where(eq(restaurants.id, restaurantId))
      const settings = (restaurant?.settings ?? {}) as Settings
      const currency = restaurant?.currency ?? 'USD'
      const items = await db
        .select({
          name: menuItems.name,
          price: menuItems.price,
          category: menuItems.category,
          available: menuItems.available,
          availableAgainAt: menuItems.availableAgainAt,
        })
        .from(menuItems)
        .where(eq(menuItems.restaurantId, restaurantId))
        .orderBy(asc(menuItems.position))
      const options = await db
        .select({ name: modifiers.name, price: modifiers.price })
        .from(modifiers)
        .where(eq(modifiers.restaurantId, restaurantId))
        .orderBy(asc(modifiers.position))
      const zones = await db
        .select({
          name: deliveryZones.zoneName,
          description: deliveryZones.description,
          deliveryFee: deliveryZones.deliveryFee,
          minOrder: deliveryZones.minOrder,
          postalCodes: deliveryZones.postalCodes,
        })
        .from(deliveryZones)
        .where(eq(deliveryZones.restaurantId, restaurantId))
        .orderBy(asc(deliveryZones.position))
      return { catalog: { items, modifiers: options, zones, taxRate: settings.tax_rate ?? 0, currency }, settings }
    },

    /** Serialises order writes of this restaurant until the transaction ends (numbers, one order per call). */
    async lock() {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`orders:${restaurantId}`}))`)
    },

    /** The call's latest order that was not cancelled. */
    async findCallOrder(vapiCallId: string): Promise<OrderRow | undefined> {
      const [row] = await db
        .select()
        .from(orders)
        .where(and(own, eq(orders.vapiCallId, vapiCallId), ne(orders.status, 'cancelled')))
        .orderBy(desc(orders.createdAt))
        .limit(1)
      return row
    },

    /** A caller's latest orders, newest first: found by the number they call from, never by an argument. */
    async callerOrders({ phone, since, limit }: { phone: string; since: Date; limit: number }): Promise<OrderRow[]> {
      return db
        .select()
        .from(orders)
        .where(and(own, eq(orders.customerPhone, phone), gte(orders.createdAt, since)))
        .orderBy(desc(orders.createdAt), desc(orders.number))
        .limit(limit)
    },

    async insert(order: NewOrder): Promise<OrderRow> {
      const [last] = await db
        .select({ number: max(orders.number) })
        .from(orders)
        .where(own)
      const number = (last?.number ?? 100) + 1
      const [row] = await db
        .insert(orders)
        .values({ ...order, restaurantId, number })
        .returning()
      return row!
    },

    /** Replaces a call's order while it is still new; undefined when it has moved on meanwhile. */
    async replaceNew(id: string, order: NewOrder): Promise<OrderRow | undefined> {
      const [row] = await db
        .update(orders)
        .set({ ...order, updatedAt: sql`now()` })
        .where(and(own, eq(orders.id, id), eq(orders.status, 'new')))
        .returning()
      return row
    },

    async list({ status }: { status?: OrderStatus }): Promise<OrderRow[]> {
      return (
        db
          .select()
          .from(orders)
          // The kitchen's list: an order waiting for its payment is listed only when asked for.
          .where(and(own, status ? eq(orders.status, status) : ne(orders.status, 'awaiting_payment')))
          .orderBy(desc(orders.createdAt), desc(orders.number))
          .limit(500)
      )
    },

    async get(id: string): Promise<OrderRow | undefined> {
      const [row] = await db
        .select()
        .from(orders)
        .where(and(own, eq(orders.id, id)))
      return row
    },

    /** Moves an order from `from` to `to`; undefined when it was not in `from` any more. */
    async setStatus({ id, from, to }: { id: string; from: OrderStatus; to: OrderStatus }) {
      const [row] = await db
        .update(orders)
        .set({ status: to, updatedAt: sql`now()` })
        .where(and(own, eq(orders.id, id), eq(orders.status, from)))
        .returning()
      return row
    },

    /** The restaurant's first phone number: the number a confirmation SMS is sent from. */
    async senderNumber(): Promise<string | undefined> {
      const [row] = await db
        .select({ phoneNumber: restaurantPhoneMappings.phoneNumber })
        .from(restaurantPhoneMappings)
        .where(eq(restaurantPhoneMappings.restaurantId, restaurantId))
        .orderBy(asc(restaurantPhoneMappings.createdAt))
        .limit(1)
      return row?.phoneNumber
    },
  }
}

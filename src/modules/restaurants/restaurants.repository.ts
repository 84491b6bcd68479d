import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import {
  deliveryZones,
  faqs,
  menuItems,
  modifiers,
  operatingHours,
  restaurantPhoneMappings,
  restaurants,
  specialDates,
} from '../../infra/db/schema.ts'
import type { ParsedBundle } from './restaurant-data.models.ts'
import { keepStoredSecret } from './restaurant-settings.models.ts'

export type RestaurantRow = typeof restaurants.$inferSelect
export type RestaurantSummary = {
  counts: { menu_items: number; modifiers: number; operating_hours: number; delivery_zones: number }
  phoneNumbers: string[]
}

/** Reuses the ids of rows whose name is unchanged, so derived data (the search index) survives a replace. */
function keepIds<T extends { name: string }>(existing: { id: string; name: string }[], incoming: T[]) {
  const free = new Map<string, string[]>()
  for (const row of existing) {
    const key = row.name.toLowerCase()
    free.set(key, [...(free.get(key) ?? []), row.id])
  }
  return incoming.map((row, position) => ({ ...row, position, id: free.get(row.name.toLowerCase())?.shift() }))
}

export function createRestaurantsRepository({ db }: { db: Database }) {
  return {
    async insertRestaurant(values: { name: string; timezone: string; currency?: string; apiKeyHash: string }) {
      const [restaurant] = await db.insert(restaurants).values(values).returning()
      return { restaurant: restaurant! }
    },

    async getRestaurant({ restaurantId }: { restaurantId: string }) {
      const [restaurant] = await db.select().from(restaurants).where(eq(restaurants.id, restaurantId))
      return { restaurant }
    },

    async listRestaurants({ limit, offset }: { limit: number; offset: number }) {
      const rows = await db
        .select()
        .from(restaurants)
        .orderBy(desc(restaurants.createdAt), desc(restaurants.id))
        .limit(limit)
        .offset(offset)
      const [total] = await db.select({ n: count() }).from(restaurants)
      return { restaurants: rows, total: total?.n ?? 0 }
    },

    async updateRestaurant({
      restaurantId,
      name,
      timezone,
      currency,
      apiKeyHash,
    }: {
      restaurantId: string
      name?: string
      timezone?: string
      currency?: string
      apiKeyHash?: string
    }) {
      const [restaurant] = await db
        .update(restaurants)
        .set({
          ...(name && { name }),
          ...(timezone && { timezone }),
          ...(currency && { currency }),
          ...(apiKeyHash && { apiKeyHash }),
          updatedAt: sql`now()`,
        })
        .where(eq(restaurants.id, restaurantId))
        .returning()
      return { restaurant }
    },

    async deleteRestaurant({ restaurantId }: { restaurantId: string }) {
      const deleted = await db
        .delete(restaurants)
        .where(eq(restaurants.id, restaurantId))
        .returning({ id: restaurants.id })
      return { deleted: deleted.length > 0 }
    },

    /** Replaces every section the bundle carries; sections it omits are left as they are. */
    async replaceData({ restaurantId, bundle }: { restaurantId: string; bundle: ParsedBundle }) {
      if (bundle.menuItems) {
        const existing = await db
          .select({ id: menuItems.id, name: menuItems.name })
          .from(menuItems)
          .where(eq(menuItems.restaurantId, restaurantId))
        await db.delete(menuItems).where(eq(menuItems.restaurantId, restaurantId))
        const rows = keepIds(existing, bundle.menuItems).map((row) => ({ ...row, restaurantId }))
        if (rows.length > 0) await db.insert(menuItems).values(rows)
      }
      if (bundle.modifiers) {
        const existing = await db
          .select({ id: modifiers.id, name: modifiers.name })
          .from(modifiers)
          .where(eq(modifiers.restaurantId, restaurantId))
        await db.delete(modifiers).where(eq(modifiers.restaurantId, restaurantId))
        const rows = keepIds(existing, bundle.modifiers).map((row) => ({ ...row, restaurantId }))
        if (rows.length > 0) await db.insert(modifiers).values(rows)
      }
      if (bundle.zones) {
        const existing = await db
          .select({ id: deliveryZones.id, name: deliveryZones.zoneName })
          .from(deliveryZones)
          .where(eq(deliveryZones.restaurantId, restaurantId))
        await db.delete(deliveryZones).where(eq(deliveryZones.restaurantId, restaurantId))
        const named = bundle.zones.map((zone) => ({ ...zone, name: zone.zoneName }))
        const rows = keepIds(existing, named).map(({ name: _name, ...row }) => ({ ...row, restaurantId }))
        if (rows.length > 0) await db.insert(deliveryZones).values(rows)
      }
      if (bundle.faqs) {
        const existing = await db
          .select({ id: faqs.id, name: faqs.question })
          .from(faqs)
          .where(eq(faqs.restaurantId, restaurantId))
        await db.delete(faqs).where(eq(faqs.restaurantId, restaurantId))
        const named = bundle.faqs.map((faq) => ({ ...faq, name: faq.question }))
        const rows = keepIds(existing, named).map(({ name: _name, ...row }) => ({ ...row, restaurantId }))
        if (rows.length > 0) await db.insert(faqs).values(rows)
      }
      if (bundle.specialDates) {
        await db.delete(specialDates).where(eq(specialDates.restaurantId, restaurantId))
        if (bundle.specialDates.length > 0)
          await db
            .insert(specialDates)
            .values(bundle.specialDates.map((row, position) => ({ ...row, position, restaurantId })))
      }
      if (bundle.settings) {
        const [stored] = await db
          .select({ settings: restaurants.settings })
          .from(restaurants)
          .where(eq(restaurants.id, restaurantId))
        await db
          .update(restaurants)
          .set({ settings: keepStoredSecret(bundle.settings, stored?.settings), updatedAt: sql`now()` })
          .where(eq(restaurants.id, restaurantId))
      }
      if (bundle.hours) {
        await db.delete(operatingHours).where(eq(operatingHours.restaurantId, restaurantId))
        if (bundle.hours.length > 0)
          await db
            .insert(operatingHours)
            .values(bundle.hours.map((row, position) => ({ ...row, position, restaurantId })))
      }
    },

    /** Row counts and phone numbers of several restaurants, in one statement. */
    async summaries({ restaurantIds }: { restaurantIds: string[] }) {
      if (restaurantIds.length === 0) return { summaries: new Map<string, RestaurantSummary>() }
      const count = (table: typeof menuItems | typeof modifiers | typeof operatingHours | typeof deliveryZones) =>
        // Qualified by hand: drizzle leaves columns unqualified here, and "id" would bind to the inner table.
        sql<number>`(select count(*)::int from ${table} t where t.restaurant_id = "restaurants"."id")`
      const rows = await db
        .select({
          id: restaurants.id,
          menu_items: count(menuItems),
          modifiers: count(modifiers),
          operating_hours: count(operatingHours),
          delivery_zones: count(deliveryZones),
          phoneNumbers: sql<string[]>`coalesce((select array_agg(p.phone_number order by p.created_at, p.phone_number)
          from ${restaurantPhoneMappings} p where p.restaurant_id = "restaurants"."id"), '{}')`,
        })
        .from(restaurants)
        .where(inArray(restaurants.id, restaurantIds))
      return {
        summaries: new Map(rows.map(({ id, phoneNumbers, ...counts }) => [id, { counts, phoneNumbers }])),
      }
    },

    async loadData({ restaurantId }: { restaurantId: string }) {
      // Sequential: inside a transaction these share one connection.
      const items = await db
        .select()
        .from(menuItems)
        .where(eq(menuItems.restaurantId, restaurantId))
        .orderBy(asc(menuItems.position), asc(menuItems.createdAt))
      const mods = await db
        .select()
        .from(modifiers)
        .where(eq(modifiers.restaurantId, restaurantId))
        .orderBy(asc(modifiers.position), asc(modifiers.createdAt))
      const hours = await db
        .select()
        .from(operatingHours)
        .where(eq(operatingHours.restaurantId, restaurantId))
        .orderBy(asc(operatingHours.position), asc(operatingHours.createdAt))
      const zones = await db
        .select()
        .from(deliveryZones)
        .where(eq(deliveryZones.restaurantId, restaurantId))
        .orderBy(asc(deliveryZones.position), asc(deliveryZones.createdAt))
      const questions = await db
        .select()
        .from(faqs)
        .where(eq(faqs.restaurantId, restaurantId))
        .orderBy(asc(faqs.position), asc(faqs.createdAt))
      const dates = await db
        .select()
        .from(specialDates)
        .where(eq(specialDates.restaurantId, restaurantId))
        .orderBy(asc(specialDates.date), asc(specialDates.position), asc(specialDates.createdAt))
      return { menuItems: items, modifiers: mods, hours, zones, faqs: questions, specialDates: dates }
    },

    async listPhoneNumbers({ restaurantId }: { restaurantId: string }) {
      const rows = await db
        .select()
        .from(restaurantPhoneMappings)
        .where(eq(restaurantPhoneMappings.restaurantId, restaurantId))
        .orderBy(asc(restaurantPhoneMappings.createdAt), asc(restaurantPhoneMappings.phoneNumber))
      return { phoneNumbers: rows }
    },

    /** Numbers among `phoneNumbers` that are mapped to a restaurant other than `restaurantId`. */
    async findForeignMappings({ restaurantId, phoneNumbers }: { restaurantId: string; phoneNumbers: string[] }) {
      if (phoneNumbers.length === 0) return { mappings: [] }
      const mappings = await db
        .select()
        .from(restaurantPhoneMappings)
        .where(
          and(
            inArray(restaurantPhoneMappings.phoneNumber, phoneNumbers),
            ne(restaurantPhoneMappings.restaurantId, restaurantId),
          ),
        )
      return { mappings }
    },

    /** Maps exactly `phoneNumbers` to the restaurant, keeping existing rows (and their Vapi ids). */
    async setPhoneNumbers({ restaurantId, phoneNumbers }: { restaurantId: string; phoneNumbers: string[] }) {
      const existing = await db
        .select({ phoneNumber: restaurantPhoneMappings.phoneNumber })
        .from(restaurantPhoneMappings)
        .where(eq(restaurantPhoneMappings.restaurantId, restaurantId))
      const stale = existing.map((row) => row.phoneNumber).filter((number) => !phoneNumbers.includes(number))
      if (stale.length > 0) {
        await db
          .delete(restaurantPhoneMappings)
          .where(
            and(
              eq(restaurantPhoneMappings.restaurantId, restaurantId),
              inArray(restaurantPhoneMappings.phoneNumber, stale),
            ),
          )
      }
      const added = phoneNumbers.filter((number) => !existing.some((row) => row.phoneNumber === number))
      // No ON CONFLICT: a number mapped elsewhere meanwhile must fail the transaction (a 409), not vanish.
      if (added.length > 0)
        await db.insert(restaurantPhoneMappings).values(added.map((phoneNumber) => ({ phoneNumber, restaurantId })))
    },
  }
}
export type RestaurantsRepository = ReturnType<typeof createRestaurantsRepository>

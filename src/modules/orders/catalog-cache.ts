import type { Cache } from '../../infra/cache/cache.types.ts'
import type { DataCategory, RestaurantEvents } from '../../shared/events.ts'
import type { Settings } from '../restaurants/restaurant-settings.schemas.ts'
import type { Catalog } from './order-pricing.models.ts'

export type CatalogAndSettings = { catalog: Catalog; settings: Settings }

// What a quote reads: the menu, its options, the zones and the settings (tax, ordering on/off).
const CATALOG_CATEGORIES: ReadonlySet<DataCategory> = new Set(['restaurant', 'menu', 'modifiers', 'zones', 'settings'])

/**
 * A restaurant's catalog for quote_order, cached like tool answers: one version per restaurant in
 * the shared cache, bumped by every change to what it holds, so every instance drops it at once.
 * Only quotes read it. place_order prices from the database inside its own transaction, so what a
 * caller is charged never comes from a cache.
 */
export function createCatalogCache({ cache, ttlSeconds }: { cache: Cache; ttlSeconds: number }) {
  const namespace = (restaurantId: string) => `catalog:${restaurantId}`
  return {
    async get(restaurantId: string, load: () => Promise<CatalogAndSettings>): Promise<CatalogAndSettings> {
      if (ttlSeconds <= 0) return load()
      // Unreachable cache (Redis down): read the database, as a miss would.
      const key = await cache
        .getVersion(namespace(restaurantId))
        .then((version) => `${namespace(restaurantId)}:v${version}`)
        .catch(() => undefined)
      const stored = key ? await cache.get(key).catch(() => undefined) : undefined
      if (stored !== undefined) return revive(JSON.parse(stored) as CatalogAndSettings)
      const loaded = await load()
      if (key) await cache.set(key, JSON.stringify(loaded), ttlSeconds).catch(() => {})
      return loaded
    },
    /** Bumps the version on every committed change to a restaurant's menu, options, zones or settings. */
    register(restaurantEvents: RestaurantEvents) {
      restaurantEvents.onChanged(async ({ restaurantId, categories }) => {
        if (categories.some((category) => CATALOG_CATEGORIES.has(category)))
          await cache.bumpVersion(namespace(restaurantId)).catch(() => {})
      })
    },
  }
}
export type CatalogCache = ReturnType<typeof createCatalogCache>

/** JSON has no dates: a sold-out item's return time comes back as one. */
function revive(stored: CatalogAndSettings): CatalogAndSettings {
  const items = stored.catalog.items.map((item) => ({
    ...item,
    availableAgainAt: item.availableAgainAt === null ? null : new Date(item.availableAgainAt),
  }))
  return { ...stored, catalog: { ...stored.catalog, items } }
}

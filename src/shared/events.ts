/** What kinds of restaurant data a change touched; the knowledge index and cache key off these. */
export type DataCategory = 'restaurant' | 'menu' | 'modifiers' | 'hours' | 'zones' | 'phones'

export type RestaurantDataChange = {
  restaurantId: string
  categories: DataCategory[]
  /** The restaurant itself was deleted. */
  deleted?: boolean
}

type Listener = (change: RestaurantDataChange) => Promise<void> | void

/**
 * The seam between writing restaurant data and everything derived from it (search index,
 * answer cache). Listeners run after the change is committed and before the API responds.
 */
export function createRestaurantEvents() {
  const listeners: Listener[] = []
  return {
    onChanged(listener: Listener) {
      listeners.push(listener)
    },
    async changed(change: RestaurantDataChange) {
      for (const listener of listeners) await listener(change)
    },
  }
}
export type RestaurantEvents = ReturnType<typeof createRestaurantEvents>

export type Clock = { now(): Date }
export const systemClock: Clock = { now: () => new Date() }

/** What kinds of restaurant data a change touched; the knowledge index and cache key off these. */
export type DataCategory =
  | 'restaurant'
  | 'menu'
  | 'modifiers'
  | 'hours'
  | 'zones'
  | 'phones'
  | 'faqs'
  | 'special_dates'
  | 'settings'

export type RestaurantDataChange = {
  restaurantId: string
  categories: DataCategory[]
  /** The restaurant itself was deleted. */
  deleted?: boolean
}

type Listener = (change: RestaurantDataChange) => Promise<void> | void
/** Gets the writer's transaction (a Database); kept opaque here so that shared code needs no driver. */
type TransactionListener = (tx: any, change: RestaurantDataChange) => Promise<void>

/**
 * The seam between writing restaurant data and everything derived from it (search index,
 * answer cache). `changing` listeners run inside the writer's transaction, so what they write
 * commits (or dies) with the data; `changed` listeners run after the commit, before the API responds.
 */
export function createRestaurantEvents() {
  const listeners: Listener[] = []
  const transactionListeners: TransactionListener[] = []
  return {
    onChanging(listener: TransactionListener) {
      transactionListeners.push(listener)
    },
    async changing(tx: unknown, change: RestaurantDataChange) {
      for (const listener of transactionListeners) await listener(tx, change)
    },
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

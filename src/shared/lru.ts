/** A small least-recently-used map: a Map keeps insertion order, so the first key is the oldest. */
export function createLru<K, V>(capacity: number) {
  const entries = new Map<K, V>()
  return {
    get(key: K): V | undefined {
      const value = entries.get(key)
      if (value === undefined) return undefined
      entries.delete(key)
      entries.set(key, value)
      return value
    },
    set(key: K, value: V) {
      entries.delete(key)
      entries.set(key, value)
      if (entries.size > capacity) entries.delete(entries.keys().next().value as K)
    },
    get size() {
      return entries.size
    },
    clear: () => entries.clear(),
  }
}
export type Lru<K, V> = ReturnType<typeof createLru<K, V>>

import { type Clock, systemClock } from '../../shared/events.ts'
import type { Cache } from './cache.types.ts'

/** In-process cache for a single instance. Bounded: the oldest entries go first past `maxEntries`. */
export function createMemoryCache({
  clock = systemClock,
  maxEntries = 50_000,
}: {
  clock?: Clock
  maxEntries?: number
} = {}): Cache {
  const entries = new Map<string, { value: string; expiresAt: number }>()
  const versions = new Map<string, number>()
  return {
    async get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      if (entry.expiresAt <= clock.now().getTime()) {
        entries.delete(key)
        return undefined
      }
      return entry.value
    },
    async set(key, value, ttlSeconds) {
      entries.delete(key)
      entries.set(key, { value, expiresAt: clock.now().getTime() + ttlSeconds * 1000 })
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
    },
    async delete(key) {
      entries.delete(key)
    },
    async increment(key, ttlSeconds) {
      const now = clock.now().getTime()
      const entry = entries.get(key)
      const count = entry && entry.expiresAt > now ? Number(entry.value) + 1 : 1
      const expiresAt = count === 1 ? now + ttlSeconds * 1000 : entry!.expiresAt
      entries.set(key, { value: String(count), expiresAt })
      return count
    },
    async getVersion(namespace) {
      return versions.get(namespace) ?? 0
    },
    async bumpVersion(namespace) {
      const next = (versions.get(namespace) ?? 0) + 1
      versions.set(namespace, next)
      return next
    },
    async ping() {},
    async close() {
      entries.clear()
    },
  }
}

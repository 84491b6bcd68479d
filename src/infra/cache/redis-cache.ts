import { Redis } from 'ioredis'
import type { Cache } from './cache.types.ts'

export type RedisCacheOptions = {
  url: string
  keyPrefix?: string
  onError?: (error: Error) => void
}

/**
 * Redis-backed cache shared by every instance. Nothing is cached in process, so an instance can
 * never serve an answer another instance has invalidated. Commands fail fast while Redis is down
 * (no offline queue): callers treat a failed read as a miss and go to the database, and the
 * client keeps reconnecting in the background.
 */
export function createRedisCache({ url, keyPrefix = 'rv:', onError }: RedisCacheOptions): Cache & { redis: Redis } {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  })
  let lastError = 0
  redis.on('error', (error) => {
    // ioredis emits an error per reconnect attempt; one log line a minute is enough.
    if (Date.now() - lastError > 60_000) onError?.(error)
    lastError = Date.now()
  })
  // A version bump that failed while Redis was unreachable is replayed once it is back, so
  // answers cached before the outage cannot outlive a change made during it.
  const pendingBumps = new Set<string>()
  redis.on('ready', () => {
    for (const namespace of pendingBumps) {
      redis.incr(`version:${namespace}`).then(
        () => pendingBumps.delete(namespace),
        () => {},
      )
    }
  })

  return {
    redis,
    async get(key) {
      return (await redis.get(`k:${key}`)) ?? undefined
    },
    async set(key, value, ttlSeconds) {
      await redis.set(`k:${key}`, value, 'EX', Math.max(1, Math.round(ttlSeconds)))
    },
    async delete(key) {
      await redis.del(`k:${key}`)
    },
    async increment(key, ttlSeconds) {
      // One transaction: a new counter is created with its TTL (SET NX), so none is left without one.
      const results = await redis
        .multi()
        .set(`k:${key}`, '0', 'EX', Math.max(1, Math.round(ttlSeconds)), 'NX')
        .incr(`k:${key}`)
        .exec()
      const [error, count] = results?.[1] ?? [new Error('redis transaction aborted'), 0]
      if (error) throw error
      return Number(count)
    },
    async getVersion(namespace) {
      return Number((await redis.get(`version:${namespace}`)) ?? 0)
    },
    async bumpVersion(namespace) {
      try {
        return await redis.incr(`version:${namespace}`)
      } catch (error) {
        pendingBumps.add(namespace)
        throw error
      }
    },
    async ping() {
      await redis.ping()
    },
    async close() {
      redis.disconnect()
    },
  }
}

import type { Redis } from 'ioredis'
import type { ActivityBus, ActivityEvent, ActivityListener } from './activity.types.ts'

/** Subscribers of this instance, by restaurant. */
function createLocalListeners() {
  const byRestaurant = new Map<string, Set<ActivityListener>>()
  return {
    add(restaurantId: string, listener: ActivityListener) {
      const listeners = byRestaurant.get(restaurantId) ?? new Set()
      listeners.add(listener)
      byRestaurant.set(restaurantId, listeners)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) byRestaurant.delete(restaurantId)
      }
    },
    deliver(event: ActivityEvent) {
      for (const listener of byRestaurant.get(event.restaurant_id) ?? []) {
        try {
          listener(event)
        } catch {
          // One broken connection must not keep the event from the others.
        }
      }
    },
    count: () => [...byRestaurant.values()].reduce((sum, listeners) => sum + listeners.size, 0),
    clear: () => byRestaurant.clear(),
  }
}

/** One process: what this instance publishes reaches only its own subscribers (no REDIS_URL). */
export function createMemoryActivityBus(): ActivityBus {
  const local = createLocalListeners()
  return {
    kind: 'memory',
    async publish(events) {
      for (const event of events) local.deliver(event)
    },
    subscribe: (restaurantId, listener) => local.add(restaurantId, listener),
    subscribers: () => local.count(),
    async close() {
      local.clear()
    },
  }
}

/**
 * Every instance: events are published on one Redis channel (named with the cache's key prefix,
 * which ioredis does not apply to channels) through the cache's own connection, and each instance
 * hands what its subscriber connection receives to its local subscribers, its own events included.
 * The subscriber resubscribes by itself after Redis comes back.
 */
export function createRedisActivityBus({
  redis,
  onError,
}: {
  redis: Redis
  onError?: (error: Error) => void
}): ActivityBus {
  const channel = `${redis.options.keyPrefix ?? ''}activity`
  const local = createLocalListeners()
  // A subscribed connection can run no other command, hence a connection of its own. It queues
  // commands until it is connected, unlike the cache's fail-fast one, and has no command timeout:
  // a SUBSCRIBE that timed out on a busy start would leave the instance deaf for good.
  const subscriber = redis.duplicate({
    keyPrefix: '',
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
  })
  let lastError = 0
  subscriber.on('error', (error) => {
    // ioredis emits an error per reconnect attempt; one log line a minute is enough.
    if (Date.now() - lastError > 60_000) onError?.(error)
    lastError = Date.now()
  })
  subscriber.on('message', (_channel, message) => {
    let events: ActivityEvent[]
    try {
      events = JSON.parse(message)
    } catch {
      return
    }
    if (Array.isArray(events)) for (const event of events) local.deliver(event)
  })
  // ioredis resubscribes after a reconnect only to channels it has confirmed; until then, every
  // time the connection is ready, ask again.
  let subscribed = false
  const subscribe = () =>
    subscriber.subscribe(channel).then(
      () => {
        subscribed = true
      },
      (error) => onError?.(error),
    )
  subscriber.on('ready', () => {
    if (!subscribed) void subscribe()
  })
  void subscribe()
  return {
    kind: 'redis',
    async publish(events) {
      // The cache's connection fails fast while Redis is down: the rows stay unpublished and go out later.
      if (events.length > 0) await redis.publish(channel, JSON.stringify(events))
    },
    subscribe: (restaurantId, listener) => local.add(restaurantId, listener),
    subscribers: () => local.count(),
    async close() {
      local.clear()
      subscriber.disconnect()
    },
  }
}

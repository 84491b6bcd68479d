/**
 * A small key-value cache with per-namespace version counters. Bumping a namespace's version
 * orphans every key that embedded the old one: invalidation in O(1), the same in memory and in
 * Redis, and safe across instances. Drivers: memory (one process) and redis (many).
 */
export type Cache = {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
  /** Adds one to a counter and returns it; a new counter expires after `ttlSeconds` (a fixed window). */
  increment(key: string, ttlSeconds: number): Promise<number>
  getVersion(namespace: string): Promise<number>
  bumpVersion(namespace: string): Promise<number>
  ping(): Promise<void>
  close(): Promise<void>
}

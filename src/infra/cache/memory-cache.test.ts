import { describe } from 'node:test'
import { runCacheContract } from './cache.contract.ts'
import { createMemoryCache } from './memory-cache.ts'

describe('memory cache', () => {
  runCacheContract(async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const cache = createMemoryCache({ clock: { now: () => new Date(now) } })
    return {
      cache,
      advance: (ms) => {
        now += ms
      },
    }
  })
})

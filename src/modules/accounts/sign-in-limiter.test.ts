import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createMemoryCache } from '../../infra/cache/memory-cache.ts'
import { createSignInLimiter } from './sign-in-limiter.ts'

// 5 wrong passwords per account within 15 minutes, counted over a sliding window.
const limits = { perEmail: 5, perAddress: 30, windowSeconds: 900 }
const who = { email: 'owner@example.com', address: '203.0.113.7' }
const WINDOW_START = Date.parse('2026-12-01T06:00:00Z') // a multiple of 15 minutes

function limiterAt(start: number) {
  let now = start
  const clock = { now: () => new Date(now) }
  const limiter = createSignInLimiter({ cache: createMemoryCache({ clock }), clock, limits })
  return { limiter, advance: (seconds: number) => (now += seconds * 1000) }
}

describe('the sign-in limiter', () => {
  it('blocks the fifth failure in a row even when a window boundary falls among them', async () => {
    const { limiter, advance } = limiterAt(WINDOW_START - 2_000)
    for (let i = 0; i < 5; i++) {
      assert.equal(await limiter.blocked(who), undefined, `attempt ${i + 1} is allowed`)
      await limiter.failed(who)
      advance(0.7) // three before the boundary, two after
    }
    assert.ok((await limiter.blocked(who)) !== undefined, 'the sixth attempt waits')
  })

  it('says how long to wait, and that is long enough and no longer', async () => {
    const { limiter, advance } = limiterAt(WINDOW_START + 600_000) // two thirds into a window
    for (let i = 0; i < 5; i++) await limiter.failed(who)
    const wait = (await limiter.blocked(who))!
    // 5 at full weight until the window ends in 300 s; then 5 × (1 − elapsed) reaches 4 after a
    // fifth of the next window (180 s): as if the five had been spread over the last window.
    assert.ok(wait >= 480 && wait <= 482, `Retry-After ${wait}`)
    advance(wait - 2)
    assert.ok((await limiter.blocked(who)) !== undefined, 'still blocked just before')
    advance(2)
    assert.equal(await limiter.blocked(who), undefined)
    // The old failures still weigh: one more is the fifth of the sliding window.
    await limiter.failed(who)
    assert.ok((await limiter.blocked(who)) !== undefined)
  })

  it('forgets the failures of an account that signs in', async () => {
    const { limiter } = limiterAt(WINDOW_START + 1_000)
    for (let i = 0; i < 4; i++) await limiter.failed(who)
    await limiter.succeeded(who)
    await limiter.failed(who)
    assert.equal(await limiter.blocked(who), undefined)
  })
})

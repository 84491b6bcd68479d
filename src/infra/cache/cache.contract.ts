import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { Cache } from './cache.types.ts'

/** The behaviour every Cache driver must show; each driver's test file runs it. */
export function runCacheContract(
  make: () => Promise<{ cache: Cache; advance?: (ms: number) => void | Promise<void> }>,
) {
  it('returns what was set, and undefined for a missing key', async () => {
    const { cache } = await make()
    await cache.set('a', 'one', 60)
    assert.equal(await cache.get('a'), 'one')
    assert.equal(await cache.get('missing'), undefined)
  })

  it('forgets an entry once its TTL has passed', async () => {
    const { cache, advance } = await make()
    await cache.set('short', 'x', 1)
    if (advance) await advance(1_100)
    else await new Promise((resolve) => setTimeout(resolve, 1_100))
    assert.equal(await cache.get('short'), undefined)
  })

  it('deletes a key', async () => {
    const { cache } = await make()
    await cache.set('gone', 'x', 60)
    await cache.delete('gone')
    assert.equal(await cache.get('gone'), undefined)
  })

  it('starts versions at 0 and bumps them by one, per namespace', async () => {
    const { cache } = await make()
    const namespace = `ns-${Math.random()}`
    assert.equal(await cache.getVersion(namespace), 0)
    assert.equal(await cache.bumpVersion(namespace), 1)
    assert.equal(await cache.bumpVersion(namespace), 2)
    assert.equal(await cache.getVersion(namespace), 2)
    assert.equal(await cache.getVersion(`${namespace}-other`), 0)
  })

  it('counts up within a window and starts again once it has passed', async () => {
    const { cache, advance } = await make()
    const key = `counter-${Math.random()}`
    assert.equal(await cache.increment(key, 1), 1)
    assert.equal(await cache.increment(key, 1), 2)
    assert.equal(await cache.get(key), '2')
    if (advance) await advance(1_100)
    else await new Promise((resolve) => setTimeout(resolve, 1_100))
    assert.equal(await cache.increment(key, 1), 1)
  })
}

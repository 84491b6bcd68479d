// Preloaded into a server under test (with --expose-gc): on SIGUSR2 it collects all garbage and
// writes the live heap to HEAP_PROBE_FILE. RSS alone cannot tell a leak from an allocator that has
// not yet handed pages back, which is what a busy machine shows; the live heap can. Plain gc() is
// V8's full collection; gc({ type: 'major' }) leaves tens of MB of caches V8 would drop later.
import { renameSync, writeFileSync } from 'node:fs'

process.on('SIGUSR2', () => {
  globalThis.gc()
  globalThis.gc()
  const { heapUsed, rss } = process.memoryUsage()
  // Written aside and renamed, so a reader never sees half a file.
  writeFileSync(`${process.env.HEAP_PROBE_FILE}.partial`, JSON.stringify({ heapUsed, rss }))
  renameSync(`${process.env.HEAP_PROBE_FILE}.partial`, process.env.HEAP_PROBE_FILE)
})

import type { FastifyBaseLogger } from 'fastify'

/**
 * Work that must not delay Vapi's response (recording call events), tracked so that shutdown
 * waits for it instead of cutting it off mid-write.
 */
export function createBackgroundTasks({ logger }: { logger: FastifyBaseLogger }) {
  const running = new Set<Promise<void>>()
  return {
    run(description: string, work: () => Promise<void>) {
      // Started at once (an async function runs synchronously up to its first await).
      const task = (async () => work())().catch((error) => logger.error({ err: error }, `${description} failed`))
      running.add(task)
      void task.finally(() => running.delete(task))
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running])
    },
  }
}

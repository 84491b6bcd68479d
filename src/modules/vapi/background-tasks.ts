import type { FastifyBaseLogger } from 'fastify'

/**
 * Waits between attempts of a failed task: about a minute in all. Vapi does not retry server
 * messages by default (shared/spec/vapi-twilio.md §4), and the webhook has already answered, so
 * a report that meets a brief database outage is kept by retrying here or lost. Recording is
 * idempotent (upserts on the Vapi call id), so a retry never duplicates.
 */
export const RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000]

/**
 * Work that must not delay Vapi's response (recording call events), retried while it fails, and
 * tracked so that shutdown waits for it instead of cutting it off mid-write.
 */
export function createBackgroundTasks({
  logger,
  retryDelaysMs = RETRY_DELAYS_MS,
}: {
  logger: FastifyBaseLogger
  retryDelaysMs?: number[]
}) {
  const running = new Set<Promise<void>>()
  const sleepers = new Set<() => void>()
  let closing = false
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      sleepers.add(wake)
    })

  async function attempt(description: string, work: () => Promise<void>) {
    for (let failures = 0; ; failures++) {
      try {
        return await work()
      } catch (error) {
        const delay = retryDelaysMs[failures]
        if (delay === undefined || closing) throw error
        logger.warn({ err: error, attempt: failures + 1 }, `${description} failed; retrying in ${delay} ms`)
        await sleep(delay)
      }
    }
  }

  return {
    run(description: string, work: () => Promise<void>) {
      // Started at once (an async function runs synchronously up to its first await).
      const task = attempt(description, work).catch((error) => logger.error({ err: error }, `${description} failed`))
      running.add(task)
      void task.finally(() => running.delete(task))
    },
    /** Waits for the tasks; one that is failing gets one more attempt, then is given up. */
    async drain() {
      closing = true
      for (const wake of [...sleepers]) wake()
      while (running.size > 0) await Promise.allSettled([...running])
    },
  }
}

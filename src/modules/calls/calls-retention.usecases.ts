import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { Clock } from '../../shared/events.ts'
import { type CallsLogger, silentLogger } from './call-recorder.ts'
import { createCallsRepository } from './calls.repository.ts'
import { createToolInvocationsRepository } from './tool-invocations.repository.ts'

const DAY_MS = 86_400_000
const BATCH_SIZE = 1_000

/** Deletes calls and tool invocations older than the retention period (CALL_RETENTION_DAYS). */
export async function purgeExpiredCalls({
  database,
  clock,
  retentionDays,
  batchSize = BATCH_SIZE,
}: {
  database: DatabaseHandle
  clock: Clock
  retentionDays: number
  batchSize?: number
}) {
  const cutoff = new Date(clock.now().getTime() - retentionDays * DAY_MS)
  const calls = createCallsRepository({ db: database.db })
  const invocations = createToolInvocationsRepository({ db: database.db })
  let deletedCalls = 0
  let deletedInvocations = 0
  for (let n = batchSize; n === batchSize; ) {
    n = (await calls.deleteOlderThan({ cutoff, batchSize })).deleted
    deletedCalls += n
  }
  for (let n = batchSize; n === batchSize; ) {
    n = (await invocations.deleteOlderThan({ cutoff, batchSize })).deleted
    deletedInvocations += n
  }
  return { cutoff, deletedCalls, deletedInvocations }
}

/**
 * Runs the purge every `intervalMs` (first run one minute after start, off the boot path).
 * The timers are unref'd so they never keep the process alive; the returned function stops them.
 */
export function startCallRetention({
  database,
  clock,
  retentionDays,
  intervalMs = 3_600_000,
  logger = silentLogger,
}: {
  database: DatabaseHandle
  clock: Clock
  retentionDays: number
  intervalMs?: number
  logger?: CallsLogger
}): () => Promise<void> {
  let running: Promise<unknown> | undefined
  const run = () => {
    if (running) return
    running = purgeExpiredCalls({ database, clock, retentionDays })
      .then((result) => {
        if (result.deletedCalls + result.deletedInvocations > 0) logger.info({ ...result }, 'expired calls purged')
      })
      .catch((error) => logger.error({ err: error }, 'call retention purge failed'))
      .finally(() => {
        running = undefined
      })
  }
  const first = setTimeout(run, Math.min(60_000, intervalMs)).unref()
  const interval = setInterval(run, intervalMs).unref()
  return async () => {
    clearTimeout(first)
    clearInterval(interval)
    // Let a purge in flight finish before the database closes behind it.
    await running
  }
}

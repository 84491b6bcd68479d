import type { DatabaseHandle } from '../../infra/db/database.ts'
import { nextRetryInMs, type RetryPolicy, settleDelivery } from '../../infra/db/delivery-queue.ts'
import type { OutboundGuard } from '../../infra/outbound/outbound-request.ts'
import type { Clock } from '../../shared/events.ts'
import { activityRepository as outbox } from './activity.repository.ts'
import type { Activity, ActivityBus } from './activity.types.ts'
import { webhookOrigin } from './order-webhook.models.ts'
import { postOrderWebhook } from './order-webhook.ts'

export type ActivityLogger = {
  info(object: Record<string, unknown>, message: string): void
  warn(object: Record<string, unknown>, message: string): void
  error(object: Record<string, unknown>, message: string): void
}

export type ActivityOptions = {
  /** How often every instance looks for rows a crash or a failed kick left (sub-second). */
  pollMs: number
  retry: RetryPolicy
  /** How long a claimed delivery is this instance's; longer than `timeoutMs`. */
  leaseMs: number
  timeoutMs: number
  /** Published and settled events are kept this long for `GET …/events` and reconnects. */
  retentionMs: number
  heartbeatMs: number
}

export const DEFAULT_ACTIVITY_OPTIONS: ActivityOptions = {
  pollMs: 250,
  retry: { baseMs: 1_000, maxMs: 5 * 60_000, giveUpAfterMs: 3 * 24 * 3_600_000 },
  leaseMs: 30_000,
  timeoutMs: 10_000,
  retentionMs: 7 * 24 * 3_600_000,
  heartbeatMs: 15_000,
}

/** Runs `work` alone: a call while it runs asks for one more pass instead of running beside it. */
export function serialRunner(work: () => Promise<boolean>) {
  let running: Promise<void> | undefined
  let again = false
  return {
    run(): Promise<void> {
      if (running) {
        again = true
        return running
      }
      running = (async () => {
        try {
          do {
            again = false
            // A run() during the work asked for another pass, as does work that left more to do.
            if (await work()) again = true
          } while (again)
        } finally {
          running = undefined
        }
      })()
      return running
    },
    idle: () => running ?? Promise.resolve(),
  }
}

/**
 * The activity stream and the order webhook, from the outbox table. Each instance runs a publisher
 * (unpublished rows → the bus, under FOR UPDATE SKIP LOCKED, so exactly one instance publishes a
 * row) and a deliverer (due order events → the webhook, claimed with a lease).
 */
export function createActivity({
  database,
  bus,
  clock,
  logger,
  options: given = {},
  onDelivery,
  outbound,
}: {
  database: DatabaseHandle
  /** What the order webhook may reach, checked again at every delivery. */
  outbound: OutboundGuard
  bus: ActivityBus
  clock: Clock
  logger: ActivityLogger
  options?: Partial<ActivityOptions>
  /** Each webhook attempt's outcome (the metrics count them). */
  onDelivery?: (outcome: 'delivered' | 'failed' | 'abandoned') => void
}): Activity {
  const options = { ...DEFAULT_ACTIVITY_OPTIONS, ...given }
  const db = database.db
  let timer: NodeJS.Timeout | undefined
  let closed = false
  let lastPurge = 0
  let lastFailure = 0
  const failed = (what: string, error: unknown) => {
    // A database or Redis outage fails every poll; one line a minute says so.
    if (Date.now() - lastFailure < 60_000) return
    lastFailure = Date.now()
    logger.error({ err: error }, `activity ${what} failed; retrying`)
  }

  const publisher = serialRunner(async () => {
    if (closed) return false
    try {
      const published = await db.transaction(async (tx) => {
        const events = await outbox.lockUnpublished(tx as never, { limit: 100 })
        if (events.length === 0) return 0
        // Published before the commit: if the commit fails, a later poll publishes again (at least once).
        await bus.publish(events)
        await outbox.markPublished(tx as never, { ids: events.map((event) => event.id) })
        return events.length
      })
      return published === 100
    } catch (error) {
      failed('publishing', error)
      return false
    }
  })

  const deliverer = serialRunner(async () => {
    if (closed) return false
    try {
      const due = await outbox.claimDue(db, { limit: 20, leaseMs: options.leaseMs })
      await Promise.all(
        due.map(async ({ event, idempotencyKey, attempts, createdAt }) => {
          const target = await outbox.orderWebhook(db, { restaurantId: event.restaurant_id })
          if (!target) {
            const outcome = { delivered: false as const, error: 'no order webhook configured', retryInMs: null }
            return settleDelivery(db, 'activity_outbox', { id: event.id, attempts, outcome })
          }
          const result = await postOrderWebhook({
            target,
            guard: outbound,
            event,
            idempotencyKey,
            timeoutMs: options.timeoutMs,
            now: clock.now(),
          })
          if (result.ok) {
            onDelivery?.('delivered')
            return settleDelivery(db, 'activity_outbox', { id: event.id, attempts, outcome: { delivered: true } })
          }
          const retryInMs = nextRetryInMs({
            attempts,
            ageMs: clock.now().getTime() - createdAt.getTime(),
            policy: options.retry,
          })
          onDelivery?.(retryInMs === null ? 'abandoned' : 'failed')
          logger.warn(
            { event_id: event.id, type: event.type, origin: webhookOrigin(target.url), attempts, error: result.error },
            retryInMs === null ? 'order webhook delivery abandoned' : 'order webhook delivery failed; will retry',
          )
          await settleDelivery(db, 'activity_outbox', {
            id: event.id,
            attempts,
            outcome: { delivered: false, error: result.error, retryInMs },
          })
        }),
      )
      // A delivered row may have been holding the next event of its restaurant back.
      return due.length > 0
    } catch (error) {
      failed('delivery', error)
      return false
    }
  })

  async function purgeOld() {
    if (Date.now() - lastPurge < 3_600_000) return
    lastPurge = Date.now()
    await outbox
      .purge(db, { before: new Date(clock.now().getTime() - options.retentionMs) })
      .catch((error) => failed('purge', error))
  }

  const kick = () => {
    if (!timer || closed) return
    void publisher.run()
    void deliverer.run()
  }

  return {
    record: (tx, input) => outbox.insert(tx, input),
    kick,
    heartbeatMs: options.heartbeatMs,
    subscribe: (restaurantId, listener) => bus.subscribe(restaurantId, listener),
    subscribers: () => bus.subscribers(),
    // Read as the tenant: row-level security backs up the query's own restaurant filter.
    recent: (input) => database.withTenant(input.restaurantId, (tx) => outbox.recent(tx, input)),
    start() {
      if (timer || closed) return
      timer = setInterval(() => {
        kick()
        void purgeOld()
      }, options.pollMs)
      timer.unref()
      kick()
    },
    async close() {
      if (closed) return
      closed = true
      clearInterval(timer)
      await Promise.all([publisher.idle(), deliverer.idle()])
      await bus.close()
    },
  }
}

import { isStripeRefusal } from '../../infra/stripe/stripe-client.ts'
import { speakMoney } from '../../shared/money.ts'
import { releaseToKitchen } from '../orders/kitchen.usecases.ts'
import type { Settings } from '../restaurants/restaurant-settings.schemas.ts'
import { refundCancelledOrder } from './payment-refunds.usecases.ts'
import { loadRestaurantSettings } from './payment-settings.usecases.ts'
import { tellRestaurant, textCaller } from './payment-texts.usecases.ts'
import { type ClaimedJob, createPaymentsRepository, paymentJobsRepository } from './payments.repository.ts'
import type { PaymentsDeps } from './payments.types.ts'

const LEASE_MS = 60_000
const RETRY_MS = 60_000

/** A reminder: texted only while the order still awaits its payment. */
async function remind(deps: PaymentsDeps, job: ClaimedJob) {
  const order = await deps.database.withTenant(job.restaurantId, (tx) =>
    createPaymentsRepository({ db: tx, restaurantId: job.restaurantId }).findOrder(job.orderId),
  )
  if (order?.status === 'awaiting_payment' && order.paymentUrl) await textCaller(deps, order, 'reminder')
}

/**
 * The expiry: the session is expired through the SDK first, so that nobody can pay an order we
 * give up on; then awaiting_payment → cancelled, or → new (pay at pickup, now the kitchen's).
 */
async function expire(deps: PaymentsDeps, job: ClaimedJob) {
  const { restaurantId, orderId } = job
  const repository = (tx: Parameters<Parameters<typeof deps.database.withTenant>[1]>[0]) =>
    createPaymentsRepository({ db: tx, restaurantId })
  const order = await deps.database.withTenant(restaurantId, (tx) => repository(tx).findOrder(orderId))
  if (order?.paymentStatus !== 'pending') return
  if (order.paymentSessionId) {
    try {
      await deps.gateway.expireCheckoutSession(order.paymentSessionId)
    } catch (error) {
      // Stripe refuses to expire a session that is no longer open: completed or already expired.
      // Network and server failures are retried.
      if (!isStripeRefusal(error)) throw error
      const { status } = await deps.gateway.retrieveCheckoutSession(order.paymentSessionId)
      // Paid just before the expiry: its checkout.session.completed (which Stripe retries) settles it.
      if (status === 'complete') return
    }
  }
  const settings: Settings = await loadRestaurantSettings(deps.database, restaurantId)
  const payAtPickup = settings.payments?.unpaid === 'pay_at_pickup'
  const now = deps.clock.now()
  const settled = await deps.database.withTenant(restaurantId, async (tx) => {
    const payments = repository(tx)
    const locked = await payments.lockOrder(orderId)
    if (locked?.status !== 'awaiting_payment') {
      // Cancelled by staff meanwhile: the link is dead now.
      if (locked?.paymentStatus === 'pending') await payments.markLinkExpired(orderId)
      return undefined
    }
    const moved = await payments.settle(orderId, {
      status: payAtPickup ? 'new' : 'cancelled',
      paymentStatus: 'expired',
    })
    await payments.dropTimers(orderId, now)
    if (moved && payAtPickup) await releaseToKitchen(tx, deps.activity, moved)
    return moved
  })
  if (!settled) return
  if (payAtPickup) deps.activity.kick()
  await textCaller(deps, settled, payAtPickup ? 'pay_at_pickup' : 'cancelled')
  const total = speakMoney(settled.totalCents, settled.currency)
  await tellRestaurant(
    deps,
    settled,
    `Order ${settled.number} was not paid`,
    payAtPickup
      ? `Order ${settled.number} (${total}) was not paid by link; it is now on the Orders page, to be paid at pickup.`
      : `Order ${settled.number} (${total}) was not paid by link in time and was cancelled; the caller was told.`,
  )
}

/**
 * Runs due payment timers by the app's clock. Jobs are claimed with a lease under SKIP LOCKED, so
 * two instances never run the same one; a crash leaves the lease to run out and another instance
 * (or this one after a restart) runs it. A poller on every instance calls `runDue`.
 */
export function createPaymentTimers(deps: PaymentsDeps, { pollMs = 1_000 }: { pollMs?: number } = {}) {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let closed = false

  async function runOnce(): Promise<number> {
    const now = deps.clock.now()
    const jobs = await paymentJobsRepository.claimDue(deps.database.db, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit: 20,
    })
    for (const job of jobs) {
      try {
        await (job.kind === 'reminder'
          ? remind(deps, job)
          : job.kind === 'expire'
            ? expire(deps, job)
            : refundCancelledOrder(deps, job))
        await paymentJobsRepository.finish(deps.database.db, job, { done: deps.clock.now() })
      } catch (error) {
        deps.logger.warn({ err: error, job: job.id, kind: job.kind }, 'payment timer failed; will retry')
        const retryAt = new Date(deps.clock.now().getTime() + RETRY_MS)
        await paymentJobsRepository.finish(deps.database.db, job, { retryAt, error: String(error) })
      }
    }
    return jobs.length
  }

  /** Runs every job due now (one pass at a time on this instance); returns how many ran. */
  const runDue = async (): Promise<number> => {
    if (running) await running.catch(() => 0)
    running = runOnce()
    try {
      return await running
    } finally {
      running = undefined
    }
  }

  return {
    runDue,
    start() {
      if (timer || closed) return
      timer = setInterval(() => {
        if (!running) void runDue().catch((error) => deps.logger.error({ err: error }, 'payment timers failed'))
      }, pollMs)
      timer.unref()
    },
    async close() {
      closed = true
      clearInterval(timer)
      await running?.catch(() => 0)
    },
  }
}

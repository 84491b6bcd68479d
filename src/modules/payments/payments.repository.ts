import { and, eq, isNull, sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../../infra/db/database.ts'
import { orders, type PaymentJobKind, paymentJobs } from '../../infra/db/schema.ts'
import type { OrderRow } from '../orders/orders.repository.ts'

export type ClaimedJob = {
  id: number
  restaurantId: string
  orderId: string
  kind: PaymentJobKind
  dueAt: Date
  attempts: number
}

/** Payment state of one restaurant's orders and their timers, over a tenant-scoped transaction. */
export function createPaymentsRepository({ db, restaurantId }: { db: Database; restaurantId: string }) {
  const own = and(eq(orders.restaurantId, restaurantId))
  return {
    /** The order, locked until the transaction ends: the webhook and the timers take turns on it. */
    async lockOrder(orderId: string): Promise<OrderRow | undefined> {
      const [row] = await db
        .select()
        .from(orders)
        .where(and(own, eq(orders.id, orderId)))
        .for('update')
      return row
    },

    async findOrder(orderId: string): Promise<OrderRow | undefined> {
      const [row] = await db
        .select()
        .from(orders)
        .where(and(own, eq(orders.id, orderId)))
      return row
    },

    async scheduleTimers(orderId: string, timers: { kind: 'reminder' | 'expire'; dueAt: Date }[]) {
      await db
        .insert(paymentJobs)
        .values(timers.map((timer) => ({ ...timer, orderId, restaurantId })))
        .onConflictDoNothing()
    },

    async setSession(orderId: string, session: { id: string; url: string }) {
      const [row] = await db
        .update(orders)
        .set({ paymentSessionId: session.id, paymentUrl: session.url, updatedAt: sql`now()` })
        .where(and(own, eq(orders.id, orderId), eq(orders.status, 'awaiting_payment')))
        .returning()
      return row
    },

    /** awaiting_payment → `to`, with the payment's new state; undefined when it had moved on. */
    async settle(
      orderId: string,
      change: { status: 'new' | 'cancelled'; paymentStatus: 'paid' | 'expired'; paidAt?: Date },
    ): Promise<OrderRow | undefined> {
      const [row] = await db
        .update(orders)
        .set({
          status: change.status,
          paymentStatus: change.paymentStatus,
          ...(change.paidAt && { paidAt: change.paidAt }),
          updatedAt: sql`now()`,
        })
        .where(and(own, eq(orders.id, orderId), eq(orders.status, 'awaiting_payment')))
        .returning()
      return row
    },

    /** A link nobody can pay any more (the order was cancelled by staff). */
    async markLinkExpired(orderId: string) {
      await db
        .update(orders)
        .set({ paymentStatus: 'expired', updatedAt: sql`now()` })
        .where(and(own, eq(orders.id, orderId), eq(orders.paymentStatus, 'pending')))
    },

    /** The order's timers still to run are dropped (it was paid or expired). */
    async dropTimers(orderId: string, now: Date) {
      await db
        .update(paymentJobs)
        .set({ doneAt: now })
        .where(
          and(eq(paymentJobs.restaurantId, restaurantId), eq(paymentJobs.orderId, orderId), isNull(paymentJobs.doneAt)),
        )
    },

    /**
     * An order was cancelled (`before` is its state just before): an unpaid link stops working now
     * (its expiry brought forward), and a paid order is refunded by a job due now.
     */
    async onCancelled(before: Pick<OrderRow, 'id' | 'status' | 'paymentStatus'>, now: Date) {
      if (before.status === 'awaiting_payment')
        await db
          .update(paymentJobs)
          .set({ dueAt: now })
          .where(
            and(
              eq(paymentJobs.restaurantId, restaurantId),
              eq(paymentJobs.orderId, before.id),
              eq(paymentJobs.kind, 'expire'),
              isNull(paymentJobs.doneAt),
            ),
          )
      else if (before.paymentStatus === 'paid')
        await db
          .insert(paymentJobs)
          .values({ restaurantId, orderId: before.id, kind: 'refund', dueAt: now })
          .onConflictDoNothing()
    },

    /** The refund Stripe made for a cancelled paid order. */
    async markRefunded(orderId: string, refund: { id: string; at: Date }) {
      const [row] = await db
        .update(orders)
        .set({ refundId: refund.id, refundedAt: refund.at, updatedAt: sql`now()` })
        .where(and(own, eq(orders.id, orderId), isNull(orders.refundedAt)))
        .returning()
      return row
    },
  }
}

/** Jobs across every restaurant (the timer runner's own connection, like the activity outbox). */
export const paymentJobsRepository = {
  /** Due jobs, leased to this instance until `leaseUntil`; SKIP LOCKED keeps two instances apart. */
  async claimDue(db: Database, { now, leaseUntil, limit }: { now: Date; leaseUntil: Date; limit: number }) {
    const result = await db.execute(sql`
      UPDATE payment_jobs SET leased_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM payment_jobs
        WHERE done_at IS NULL AND due_at <= ${now.toISOString()}::timestamptz
          AND (leased_until IS NULL OR leased_until <= ${now.toISOString()}::timestamptz)
        ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, restaurant_id, order_id, kind, due_at, attempts`)
    return rowsOf<{
      id: number | string
      restaurant_id: string
      order_id: string
      kind: PaymentJobKind
      due_at: string | Date
      attempts: number
    }>(result).map(
      (row): ClaimedJob => ({
        id: Number(row.id),
        restaurantId: row.restaurant_id,
        orderId: row.order_id,
        kind: row.kind,
        dueAt: new Date(row.due_at),
        attempts: Number(row.attempts),
      }),
    )
  },

  /** Done, or retried after `retryAt`; a claim that another instance took over since is left alone. */
  async finish(db: Database, job: ClaimedJob, outcome: { done: Date } | { retryAt: Date; error: string }) {
    await db
      .update(paymentJobs)
      .set(
        'done' in outcome
          ? { doneAt: outcome.done, leasedUntil: null }
          : { leasedUntil: outcome.retryAt, lastError: outcome.error.slice(0, 500) },
      )
      .where(and(eq(paymentJobs.id, job.id), eq(paymentJobs.attempts, job.attempts)))
  },
}

import type { DatabaseHandle } from '../../infra/db/database.ts'
import { nextRetryInMs, type RetryPolicy, settleDelivery } from '../../infra/db/delivery-queue.ts'
import { describeTwilioError } from '../../infra/twilio/twilio-client.ts'
import type { SmsSender } from '../../infra/twilio/twilio-sms.ts'
import type { Mailer } from '../accounts/mailer.ts'
import { serialRunner } from '../activity/activity.service.ts'
import { type DueNotification, notificationsRepository as queue } from './notifications.repository.ts'
import type { Notifier } from './notify.types.ts'

export type NotifyLogger = {
  warn(object: Record<string, unknown>, message: string): void
  error(object: Record<string, unknown>, message: string): void
}

export type NotifyOptions = {
  /** How often every instance looks for notices due (a failed send's retry, a crash's leftovers). */
  pollMs: number
  /** Backoff 5 s, 10 s, 20 s … up to `maxMs`; given up after `giveUpAfterMs`. */
  retry: RetryPolicy
  /** How long a claimed notice is this instance's: longer than an SMTP or Twilio timeout. */
  leaseMs: number
}

export const DEFAULT_NOTIFY_OPTIONS: NotifyOptions = {
  pollMs: 1_000,
  retry: { baseMs: 5_000, maxMs: 10 * 60_000, giveUpAfterMs: 24 * 3_600_000 },
  leaseMs: 60_000,
}

/** An SMS is at most 1,600 characters at Twilio. */
const SMS_LIMIT = 1_600
const smsBody = ({ subject, body }: DueNotification) => `${subject}: ${body}`.slice(0, SMS_LIMIT)

/** Why a notice cannot go out now or later: it is settled as failed, without retries. */
class Undeliverable extends Error {}

/** What a failed send logs (no personal data) and keeps on the row (the whole reason). */
function failureOf(notice: DueNotification, error: unknown) {
  if (error instanceof Undeliverable) return { logged: { error: error.message }, stored: error.message }
  if (notice.channel === 'email') {
    const e = error as { code?: string; responseCode?: number; message?: string }
    return { logged: { code: e?.code, responseCode: e?.responseCode }, stored: String(e?.message ?? error) }
  }
  const twilio = describeTwilioError(error)
  return { logged: { status: twilio.status, code: twilio.code }, stored: twilio.message }
}

/**
 * Restaurant notices (settings.notify) from the restaurant_notifications table: queued in the
 * writer's transaction, sent by whichever instance claims them, retried with backoff.
 */
export function createNotifier({
  database,
  sms,
  mailer,
  logger,
  options: given = {},
}: {
  database: DatabaseHandle
  /** Twilio's Messages API; undefined when Twilio is not configured (SMS notices then fail, logged). */
  sms: SmsSender | undefined
  mailer: Pick<Mailer, 'configured' | 'send'>
  logger: NotifyLogger
  options?: Partial<NotifyOptions>
}): Notifier {
  const options = { ...DEFAULT_NOTIFY_OPTIONS, ...given }
  const db = database.db
  let timer: NodeJS.Timeout | undefined
  let closed = false

  async function send(notice: DueNotification) {
    if (notice.channel === 'email') {
      if (!mailer.configured) throw new Undeliverable('e-mail is not configured (SMTP_URL, MAIL_FROM)')
      await mailer.send({ to: notice.recipient, subject: notice.subject, text: notice.body })
      return
    }
    if (!sms) throw new Undeliverable('SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)')
    const from = await queue.senderNumber(db, { restaurantId: notice.restaurantId })
    if (!from) throw new Undeliverable('the restaurant has no phone number to text from')
    await sms.send({ from, to: notice.recipient, body: smsBody(notice) })
  }

  async function deliver(notice: DueNotification) {
    try {
      await send(notice)
      await settleDelivery(db, 'restaurant_notifications', { ...notice, outcome: { delivered: true } })
    } catch (error) {
      const retry = error instanceof Undeliverable ? null : nextRetryInMs({ ...notice, policy: options.retry })
      const reason = failureOf(notice, error)
      // Never the recipient (Twilio's messages may quote the number): status and code only.
      logger.warn(
        { notificationId: notice.id, restaurantId: notice.restaurantId, channel: notice.channel, ...reason.logged },
        retry === null ? 'restaurant notice not sent; given up' : 'restaurant notice not sent; will retry',
      )
      const outcome = { delivered: false as const, error: reason.stored.slice(0, 500), retryInMs: retry }
      await settleDelivery(db, 'restaurant_notifications', { ...notice, outcome })
    }
  }

  let lastFailure = 0
  const sender = serialRunner(async () => {
    if (closed) return false
    try {
      const due = await queue.claimDue(db, { limit: 20, leaseMs: options.leaseMs })
      await Promise.all(due.map(deliver))
      return due.length === 20
    } catch (error) {
      // A database outage fails every poll; one line a minute says so.
      if (Date.now() - lastFailure > 60_000) logger.error({ err: error }, 'restaurant notices failed; retrying')
      lastFailure = Date.now()
      return false
    }
  })

  const kick = () => {
    if (timer && !closed) void sender.run()
  }

  return {
    async tellRestaurant(restaurantId, notice, { tx } = {}) {
      if (tx) return queue.insertForRecipients(tx, { restaurantId, notice })
      const queued = await database.withTenant(restaurantId, (own) =>
        queue.insertForRecipients(own, { restaurantId, notice }),
      )
      kick()
      return queued
    },
    kick,
    start() {
      if (timer || closed) return
      timer = setInterval(kick, options.pollMs)
      timer.unref()
      kick()
    },
    async close() {
      if (closed) return
      closed = true
      clearInterval(timer)
      await sender.idle()
    },
  }
}

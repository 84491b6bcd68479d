import type { Database } from '../../infra/db/database.ts'

/** What the restaurant is told: the e-mail's subject and text; an SMS carries both. */
export type RestaurantNotice = { subject: string; text: string }

/**
 * Tells the people in a restaurant's `settings.notify` (an SMS to each `sms` number, an e-mail to
 * each `email` address). Each is queued in the database and sent with retries: a failed SMTP or
 * SMS never loses the notice and never fails the caller.
 */
export type Notifier = {
  /**
   * Queues the notice for every recipient and sends it at once. With `tx`, it is written in that
   * transaction (committed or rolled back with what it tells) and sent once the caller has committed
   * and called `kick()`, or at the next poll. Returns how many SMS and e-mails were queued (0 when
   * the restaurant has nobody in `settings.notify`).
   */
  tellRestaurant(
    restaurantId: string,
    notice: RestaurantNotice,
    options?: { tx?: Database },
  ): Promise<{ queued: number }>
  /** Sends what is due now (after a commit that queued notices). */
  kick(): void
  /** Starts this instance's poller (the server does on ready; scripts never do). */
  start(): void
  close(): Promise<void>
}

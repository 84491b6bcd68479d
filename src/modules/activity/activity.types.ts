import type { Database } from '../../infra/db/database.ts'

/** The events a restaurant's activity stream carries (contract: "Orders, reservations, a person"). */
export const ACTIVITY_TYPES = [
  'order.created',
  'order.updated',
  'reservation.created',
  'reservation.updated',
  'call.ended',
  'message.created',
] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

/** Order events also go to the restaurant's order webhook, when it has one. */
export const isWebhookType = (type: ActivityType) => type.startsWith('order.')

/** One event as the event stream and the order webhook send it. */
export type ActivityEvent = {
  /** The outbox row's id: increasing, the SSE `id:` and the `after` cursor. */
  id: string
  type: ActivityType
  restaurant_id: string
  created_at: string
  data: Record<string, unknown>
}

export type RecordInput = {
  restaurantId: string
  type: ActivityType
  data: Record<string, unknown>
  /**
   * Makes the write idempotent: a second record with the same key for the same restaurant adds
   * nothing (e.g. `call.ended:<vapi call id>` for a replayed report). A random one when omitted.
   * Sent as the webhook's `Idempotency-Key`.
   */
  idempotencyKey?: string
}

/** What writers of orders and reservations need of the activity stream. */
export type ActivityRecorder = Pick<Activity, 'record' | 'kick'>

export type ActivityListener = (event: ActivityEvent) => void

/** Carries published events to every instance's subscribers: Redis pub/sub, or in process. */
export type ActivityBus = {
  kind: 'redis' | 'memory'
  publish(events: ActivityEvent[]): Promise<void>
  subscribe(restaurantId: string, listener: ActivityListener): () => void
  /** How many subscribers this instance has (open event streams). */
  subscribers(): number
  close(): Promise<void>
}

/**
 * What order, reservation and call code calls. `record` writes into the caller's transaction, so
 * an order and its event commit (or roll back) together; `kick` after the commit delivers at once,
 * and a poller on every instance delivers whatever a crash left behind.
 */
export type Activity = {
  record(tx: Database, input: RecordInput): Promise<{ recorded: boolean }>
  kick(): void
  subscribe(restaurantId: string, listener: ActivityListener): () => void
  /** Open event streams on this instance. */
  subscribers(): number
  /** The newest events of a restaurant after `after` (oldest first), for polling and reconnects. */
  recent(input: { restaurantId: string; after?: string; limit: number }): Promise<ActivityEvent[]>
  /** How often an open event stream gets a comment line, so that proxies keep it open. */
  heartbeatMs: number
  /** Starts this instance's poller (the server does on ready; scripts never do). */
  start(): void
  close(): Promise<void>
}

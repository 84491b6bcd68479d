import assert from 'node:assert/strict'
import { type HttpFake, type RecordedRequest, startHttpFake } from '../../../test/fakes/http-fake.ts'
import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import type { OutboundGuard } from '../../infra/outbound/outbound-request.ts'
import { systemClock } from '../../shared/events.ts'
import { type ActivityOptions, createActivity } from './activity.service.ts'
import type { Activity, ActivityBus, ActivityEvent, RecordInput } from './activity.types.ts'
import { createMemoryActivityBus } from './activity-bus.ts'
import { signOrderWebhook } from './order-webhook.models.ts'

/** An SSE client over real HTTP (what EventSource does), collecting events and comments. */
export type EventStream = {
  status: number
  events: ActivityEvent[]
  comments: string[]
  next(predicate: (event: ActivityEvent) => boolean, timeoutMs?: number): Promise<ActivityEvent>
  close(): void
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal })
  const events: ActivityEvent[] = []
  const comments: string[] = []
  const waiters = new Set<() => void>()
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    void (async () => {
      const decoder = new TextDecoder()
      let buffer = ''
      try {
        for await (const chunk of response.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true })
          let end = buffer.indexOf('\n\n')
          while (end >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim())
              if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)))
            }
            for (const wake of waiters) wake()
            end = buffer.indexOf('\n\n')
          }
        }
      } catch {
        // Aborted by close().
      }
    })()
  } else await response.body?.cancel()
  return {
    status: response.status,
    events,
    comments,
    next(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate)
          if (!found) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    close: () => controller.abort(),
  }
}

export const WEBHOOK_SECRET = 'whsec_test-0123456789abcdef'

/** A POS bridge on 127.0.0.1: records every order webhook; answers 503 while `down`. */
export async function startWebhookReceiver(): Promise<HttpFake & { down: boolean; deliveries(): RecordedRequest[] }> {
  const fake = await startHttpFake(() => (receiver.down ? { status: 503 } : { status: 204 }))
  const receiver = Object.assign(fake, {
    down: false,
    deliveries: () => fake.requests.filter((request) => request.reply && request.reply.status < 300),
  })
  return receiver
}

/** Asserts that a received request carries a valid signature over its exact body. */
export function assertSigned(request: RecordedRequest, secret = WEBHOOK_SECRET) {
  const timestamp = Number(request.headers['x-timestamp'])
  assert.ok(Math.abs(Date.now() / 1000 - timestamp) < 120, 'a fresh X-Timestamp')
  const body = JSON.stringify(request.body)
  assert.equal(request.headers['x-signature'], signOrderWebhook({ secret, timestamp, body }))
}

/** What order code will do: the order's write and its event in one transaction, then a kick. */
export async function recordInTransaction(
  database: { withTenant<T>(id: string, fn: (tx: Database) => Promise<T>): Promise<T> },
  activity: Activity,
  input: RecordInput,
) {
  const result = await database.withTenant(input.restaurantId, (tx) => activity.record(tx, input))
  activity.kick()
  return result
}

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** The real activity service with test-sized timings: quick retries and heartbeats. */
export function fastActivity(
  database: DatabaseHandle,
  bus: ActivityBus = createMemoryActivityBus(),
  options: Partial<ActivityOptions> = {},
  onDelivery?: (outcome: 'delivered' | 'failed' | 'abandoned') => void,
  // The receivers of the tests listen on 127.0.0.1, as in development.
  outbound: OutboundGuard = { policy: { allowLoopback: true, requireHttps: false } },
): Activity {
  return createActivity({
    database,
    bus,
    clock: systemClock,
    logger: silent,
    outbound,
    ...(onDelivery ? { onDelivery } : {}),
    options: { pollMs: 100, retry: { baseMs: 100, maxMs: 400, giveUpAfterMs: 60_000 }, heartbeatMs: 200, ...options },
  })
}

/** Webhook requests that carried this idempotency key. */
export const deliveriesOf = (receiver: { requests: RecordedRequest[] }, key: string) =>
  receiver.requests.filter((request) => request.headers['idempotency-key'] === key)

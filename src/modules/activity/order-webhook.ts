import { type OutboundGuard, OutboundRefused, outboundPost } from '../../infra/outbound/outbound-request.ts'
import type { ActivityEvent } from './activity.types.ts'
import { signOrderWebhook } from './order-webhook.models.ts'

export type WebhookTarget = { url: string; secret: string | undefined }
export type WebhookResult = { ok: true } | { ok: false; error: string }

/**
 * POSTs one event to a restaurant's order webhook. Any 2xx is a delivery; anything else (another
 * status, a refused connection, a timeout) is retried later by the caller. Redirects are not
 * followed: the signed request goes to the URL the restaurant set, nowhere else.
 */
export async function postOrderWebhook({
  target,
  event,
  idempotencyKey,
  timeoutMs,
  now,
  guard,
}: {
  target: WebhookTarget
  /** The outbound policy: a private or (in production) plain-http target is refused, never contacted. */
  guard: OutboundGuard
  event: ActivityEvent
  idempotencyKey: string
  timeoutMs: number
  now: Date
}): Promise<WebhookResult> {
  const body = JSON.stringify(event)
  const timestamp = Math.floor(now.getTime() / 1000)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'restaurant-voice-backend/order-webhook',
    'idempotency-key': idempotencyKey,
    'x-timestamp': String(timestamp),
    'x-event-type': event.type,
  }
  // Without a secret the receiver gets the same request unsigned (its own choice, in the settings).
  if (target.secret) headers['x-signature'] = signOrderWebhook({ secret: target.secret, timestamp, body })
  try {
    const { status } = await outboundPost({ url: target.url, headers, body, timeoutMs, guard })
    return status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` }
  } catch (error) {
    if (error instanceof OutboundRefused) return { ok: false, error: `refused: ${error.message}` }
    const { name, code } = error as Error & { code?: string }
    const timedOut = name === 'TimeoutError' || name === 'AbortError'
    return { ok: false, error: timedOut ? `timed out after ${timeoutMs} ms` : (code ?? name) }
  }
}

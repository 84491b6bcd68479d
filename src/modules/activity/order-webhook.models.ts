import { createHmac } from 'node:crypto'

/**
 * The order webhook's signature: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` keyed with the
 * restaurant's `order_webhook.secret`; the timestamp (Unix seconds) travels in `X-Timestamp`, so a
 * receiver can refuse old or replayed requests.
 */
export function signOrderWebhook({ secret, timestamp, body }: { secret: string; timestamp: number; body: string }) {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

export type RetryPolicy = { baseMs: number; maxMs: number; giveUpAfterMs: number }

/** 1 s, 2 s, 4 s … capped (5 min by default); null once the event is too old to be worth sending. */
export function nextRetryInMs({
  attempts,
  createdAt,
  now,
  policy,
}: {
  attempts: number
  createdAt: Date
  now: Date
  policy: RetryPolicy
}): number | null {
  if (now.getTime() - createdAt.getTime() >= policy.giveUpAfterMs) return null
  return Math.min(policy.baseMs * 2 ** Math.max(0, attempts - 1), policy.maxMs)
}

/** Where a delivery went, for logs: the origin only, since a URL's path or query may hold a token. */
export function webhookOrigin(url: string) {
  try {
    return new URL(url).origin
  } catch {
    return 'invalid url'
  }
}

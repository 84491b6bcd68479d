import { createHmac } from 'node:crypto'

/**
 * The order webhook's signature: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` keyed with the
 * restaurant's `order_webhook.secret`; the timestamp (Unix seconds) travels in `X-Timestamp`, so a
 * receiver can refuse old or replayed requests.
 */
export function signOrderWebhook({ secret, timestamp, body }: { secret: string; timestamp: number; body: string }) {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** Where a delivery went, for logs: the origin only, since a URL's path or query may hold a token. */
export function webhookOrigin(url: string) {
  try {
    return new URL(url).origin
  } catch {
    return 'invalid url'
  }
}

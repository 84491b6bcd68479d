import Stripe from 'stripe'

/** What payment links need of Stripe (official SDK): Checkout Sessions and signed events. */
export type PaymentGateway = {
  createCheckoutSession(
    params: Stripe.Checkout.SessionCreateParams,
    idempotencyKey: string,
  ): Promise<{ id: string; url: string }>
  expireCheckoutSession(id: string): Promise<void>
  retrieveCheckoutSession(id: string): Promise<{ status: string | null }>
  /**
   * Refunds the whole payment of a completed session, once per `idempotencyKey`: the refund's id, or
   * null when the session holds no payment.
   */
  refundCheckoutSession(id: string, idempotencyKey: string): Promise<{ refundId: string } | null>
  /** The event when `signature` is Stripe's over exactly `rawBody`, at most 5 minutes old; else throws. */
  verifyEvent(rawBody: string, signature: string, receivedAt: Date): Stripe.Event
}

export type StripeOptions = { secretKey: string; webhookSecret: string; apiUrl: string; timeoutMs?: number }

export function createStripeGateway({
  secretKey,
  webhookSecret,
  apiUrl,
  timeoutMs = 10_000,
}: StripeOptions): PaymentGateway {
  const url = new URL(apiUrl)
  const protocol = url.protocol === 'http:' ? 'http' : 'https'
  const stripe = new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
    timeout: timeoutMs,
    // The SDK retries network failures and 409/5xx with the same idempotency key.
    maxNetworkRetries: 2,
    telemetry: false,
  })
  return {
    async createCheckoutSession(params, idempotencyKey) {
      const session = await stripe.checkout.sessions.create(params, { idempotencyKey })
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`)
      return { id: session.id, url: session.url }
    },
    async expireCheckoutSession(id) {
      await stripe.checkout.sessions.expire(id)
    },
    async retrieveCheckoutSession(id) {
      const session = await stripe.checkout.sessions.retrieve(id)
      return { status: session.status }
    },
    async refundCheckoutSession(id, idempotencyKey) {
      const session = await stripe.checkout.sessions.retrieve(id)
      const paymentIntent =
        typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id
      if (!paymentIntent) return null
      const refund = await stripe.refunds.create(
        { payment_intent: paymentIntent, reason: 'requested_by_customer', metadata: session.metadata ?? {} },
        { idempotencyKey },
      )
      return { refundId: refund.id }
    },
    verifyEvent(rawBody, signature, receivedAt) {
      return stripe.webhooks.constructEvent(rawBody, signature, webhookSecret, 300, undefined, receivedAt.getTime())
    },
  }
}

/** Whether Stripe refused the request itself (4xx), as opposed to a network or server failure. */
export const isStripeRefusal = (error: unknown) =>
  error instanceof Stripe.errors.StripeError && typeof error.statusCode === 'number' && error.statusCode < 500

import { createHmac, randomBytes } from 'node:crypto'
import type { Clock } from '../../src/shared/events.ts'
import { type FakeReply, type HttpFake, type RecordedRequest, startHttpFake } from './http-fake.ts'

/**
 * A fake Stripe API (Checkout Sessions) behaving as Stripe's API reference says: Bearer secret
 * key, form-encoded bodies with bracketed keys, Stripe's error body ({error: {type, code?,
 * message, param?}}), Idempotency-Key (the same key with the same parameters replays the first
 * answer, with other parameters → 400 idempotency_error), expires_at 30 minutes to 24 hours
 * ahead, expire only while `open`, events signed as Stripe signs them
 * (`Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`), and refunds
 * of a paid session's payment intent (the whole amount by default, never more than is left:
 * `charge_already_refunded` once it is all back).
 */
export type FakeStripe = HttpFake & {
  secretKey: string
  webhookSecret: string
  sessions: Map<string, Session>
  /** Every refund made, in order. */
  refunds: Record<string, any>[]
  /** The customer pays: the session completes; the `checkout.session.completed` event, signed. */
  pay(sessionId: string, options?: { amountTotal?: number; at?: Date }): SignedEvent
  /** Signs any payload exactly as Stripe does. */
  sign(payload: string, at: Date, secret?: string): string
}
export type SignedEvent = { payload: string; signature: string; event: Record<string, any> }
type Session = Record<string, any>

const stripeError = (status: number, type: string, message: string, extra: Record<string, string> = {}): FakeReply => ({
  status,
  body: { error: { type, message, ...extra } },
})

/** `line_items[0][price_data][unit_amount]=1600` → {line_items: [{price_data: {unit_amount: '1600'}}]}. */
function unflatten(flat: Record<string, string>): Record<string, any> {
  const root: Record<string, any> = {}
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.replace(/\]/g, '').split('[')
    let node: any = root
    parts.forEach((part, i) => {
      const last = i === parts.length - 1
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]!)
      if (last) node[part] = value
      else node = node[part] ??= nextIsIndex ? [] : {}
    })
  }
  return root
}

const canonical = (flat: Record<string, string>) =>
  JSON.stringify(
    Object.keys(flat)
      .sort()
      .map((key) => [key, flat[key]]),
  )

export async function startFakeStripe({ clock }: { clock: Clock }): Promise<FakeStripe> {
  const secretKey = `sk_test_${randomBytes(12).toString('hex')}`
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`
  const sessions = new Map<string, Session>()
  const refunds: Record<string, any>[] = []
  const idempotent = new Map<string, { params: string; reply: FakeReply }>()

  function createSession(params: Record<string, any>): FakeReply {
    if (params.mode !== 'payment') return stripeError(400, 'invalid_request_error', 'Missing mode', { param: 'mode' })
    const items = (params.line_items ?? []) as Record<string, any>[]
    if (items.length === 0)
      return stripeError(400, 'invalid_request_error', 'line_items is required in payment mode', {
        param: 'line_items',
      })
    let total = 0
    let currency: string | undefined
    for (const [i, item] of items.entries()) {
      const price = item.price_data ?? {}
      const amount = Number(price.unit_amount)
      const quantity = Number(item.quantity)
      if (
        !Number.isInteger(amount) ||
        amount < 0 ||
        !Number.isInteger(quantity) ||
        quantity < 1 ||
        !price.product_data?.name
      )
        return stripeError(400, 'invalid_request_error', `Invalid line_items[${i}]`, { param: `line_items[${i}]` })
      if (currency && price.currency !== currency)
        return stripeError(400, 'invalid_request_error', 'All line items must share one currency')
      currency = price.currency
      total += amount * quantity
    }
    const now = Math.floor(clock.now().getTime() / 1000)
    const expiresAt = params.expires_at === undefined ? now + 24 * 3600 : Number(params.expires_at)
    if (expiresAt < now + 30 * 60 || expiresAt > now + 24 * 3600)
      return stripeError(400, 'invalid_request_error', 'expires_at must be 30 minutes to 24 hours ahead', {
        param: 'expires_at',
      })
    const id = `cs_test_${randomBytes(12).toString('hex')}`
    const session = {
      id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      // Created once it is paid (API versions since 2022-08-01).
      payment_intent: null,
      amount_subtotal: total,
      amount_total: total,
      currency,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      expires_at: expiresAt,
      created: now,
      livemode: false,
      url: `https://checkout.stripe.com/c/pay/${id}`,
    }
    sessions.set(id, session)
    return { status: 200, body: session }
  }

  function expireSession(id: string): FakeReply {
    const session = sessions.get(id)
    if (!session)
      return stripeError(404, 'invalid_request_error', `No such checkout.session: '${id}'`, {
        code: 'resource_missing',
      })
    if (session.status !== 'open')
      return stripeError(400, 'invalid_request_error', 'Only Checkout Sessions with a status of `open` can be expired.')
    session.status = 'expired'
    session.url = null
    return { status: 200, body: session }
  }

  function createRefund(params: Record<string, any>): FakeReply {
    const session = [...sessions.values()].find((s) => s.payment_intent && s.payment_intent === params.payment_intent)
    if (!session)
      return stripeError(400, 'invalid_request_error', `No such payment_intent: '${params.payment_intent}'`, {
        code: 'resource_missing',
        param: 'payment_intent',
      })
    const refunded = refunds
      .filter((r) => r.payment_intent === session.payment_intent)
      .reduce((sum, r) => sum + r.amount, 0)
    const left = session.amount_total - refunded
    const amount = params.amount === undefined ? left : Number(params.amount)
    if (left <= 0)
      return stripeError(400, 'invalid_request_error', 'Charge has already been refunded.', {
        code: 'charge_already_refunded',
      })
    if (!Number.isInteger(amount) || amount < 1 || amount > left)
      return stripeError(400, 'invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount`, {
        param: 'amount',
      })
    const refund = {
      id: `re_${randomBytes(12).toString('hex')}`,
      object: 'refund',
      amount,
      currency: session.currency,
      payment_intent: session.payment_intent,
      reason: params.reason ?? null,
      metadata: params.metadata ?? {},
      status: 'succeeded',
      created: Math.floor(clock.now().getTime() / 1000),
    }
    refunds.push(refund)
    return { status: 200, body: refund }
  }

  /** Idempotency-Key as Stripe keeps it: the same key replays, with other parameters it is refused. */
  function once(request: RecordedRequest, create: (params: Record<string, any>) => FakeReply): FakeReply {
    const flat = (request.body ?? {}) as Record<string, string>
    const key = request.headers['idempotency-key']
    if (typeof key === 'string') {
      const seen = idempotent.get(key)
      if (seen && seen.params !== canonical(flat))
        return stripeError(
          400,
          'idempotency_error',
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        )
      if (seen) return { ...seen.reply, headers: { 'idempotent-replayed': 'true' } }
    }
    const reply = create(unflatten(flat))
    if (typeof key === 'string') idempotent.set(key, { params: canonical(flat), reply })
    return reply
  }

  const handle = (request: RecordedRequest): FakeReply => {
    if (request.headers.authorization !== `Bearer ${secretKey}`)
      return stripeError(401, 'invalid_request_error', 'Invalid API Key provided')
    if (request.method === 'POST' && request.path === '/v1/checkout/sessions') return once(request, createSession)
    if (request.method === 'POST' && request.path === '/v1/refunds') return once(request, createRefund)
    const one = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(request.path)
    if (request.method === 'GET' && one) {
      const session = sessions.get(decodeURIComponent(one[1]!))
      if (session) return { status: 200, body: session }
      return stripeError(404, 'invalid_request_error', `No such checkout.session: '${one[1]}'`, {
        code: 'resource_missing',
      })
    }
    const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(request.path)
    if (request.method === 'POST' && expire) return expireSession(decodeURIComponent(expire[1]!))
    return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.path})`)
  }

  const fake = await startHttpFake(handle)
  const sign = (payload: string, at: Date, secret = webhookSecret) => {
    const t = Math.floor(at.getTime() / 1000)
    return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`, 'utf8').digest('hex')}`
  }
  return {
    ...fake,
    secretKey,
    webhookSecret,
    sessions,
    refunds,
    sign,
    pay(sessionId, { amountTotal, at = clock.now() } = {}) {
      const session = sessions.get(sessionId)
      if (!session) throw new Error(`no session ${sessionId}`)
      // Only an open session can be paid; a completed one may have its event delivered again.
      if (session.status === 'expired') throw new Error(`session ${sessionId} expired: nobody can pay it`)
      if (session.status === 'open')
        Object.assign(session, {
          status: 'complete',
          payment_status: 'paid',
          payment_intent: `pi_${randomBytes(12).toString('hex')}`,
        })
      const event = {
        id: `evt_${randomBytes(12).toString('hex')}`,
        object: 'event',
        api_version: '2025-01-01',
        created: Math.floor(at.getTime() / 1000),
        type: 'checkout.session.completed',
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: { ...session, ...(amountTotal !== undefined && { amount_total: amountTotal }) } },
      }
      const payload = JSON.stringify(event)
      return { payload, signature: sign(payload, at), event }
    },
  }
}

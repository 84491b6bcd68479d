import { createHmac, randomBytes } from 'node:crypto'
import { type FakeReply, type HttpFake, type RecordedRequest, startHttpFake } from './http-fake.ts'

/**
 * A fake Square API (connect.squareup.com) behaving as Square's API reference describes, for the
 * official `square` SDK pointed at it: OAuth (/oauth2/token with authorization_code and
 * refresh_token grants, /oauth2/revoke with `Authorization: Client <secret>`), locations, the
 * catalog list with page cursors, orders created idempotently (the same idempotency_key returns
 * the same order), errors as `{errors: [{category, code, detail}]}`, and webhook deliveries signed
 * as Square signs them: base64 HMAC-SHA256(signature key, notification URL + body).
 */
export type FakeSquare = HttpFake & {
  applicationId: string
  applicationSecret: string
  signatureKey: string
  merchantId: string
  locationId: string
  /** Catalog objects as Square sends them (snake_case), in list order. */
  catalog: Array<Record<string, any>>
  /** Orders created, by id. */
  orders: Map<string, Record<string, any>>
  /** Catalog list page size (Square's pages are at most 1000; tests use small pages to see cursors). */
  pageSize: number
  /** A seller's own access token that reaches the location. */
  personalToken: string
  /** What the seller's approval on Square's authorize page returns to our callback. */
  approve(): string
  /** A variation sold out (or back) at the location; true when it exists. */
  setSoldOut(variationId: string, soldOut: boolean): boolean
  /** Square moves an order's fulfillment, as the kitchen's POS screen does. */
  setFulfillmentState(orderId: string, state: string): void
  /** One webhook delivery of `event` to `notificationUrl`: the exact body and Square's headers. */
  delivery(notificationUrl: string, event: Record<string, unknown>): { body: string; headers: Record<string, string> }
  event(type: string, object: Record<string, unknown>, id?: string): Record<string, unknown>
  revoked: Set<string>
}

const squareError = (status: number, category: string, code: string, detail: string): FakeReply => ({
  status,
  body: { errors: [{ category, code, detail }] },
})
const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`

export async function startFakeSquare(): Promise<FakeSquare> {
  const applicationId = 'sq0idp-fake-application'
  const applicationSecret = token('sq0csp-')
  const merchantId = 'MLFAKEMERCHANT1'
  const locationId = 'LFAKELOCATION1'
  const codes = new Set<string>()
  const accessTokens = new Set<string>()
  const refreshTokens = new Set<string>()
  const revoked = new Set<string>()
  const orders = new Map<string, Record<string, any>>()
  const byIdempotencyKey = new Map<string, string>()
  const catalog: Array<Record<string, any>> = []
  const personalToken = token('EAAAl')
  accessTokens.add(personalToken)

  const authorised = (request: RecordedRequest) => {
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1]
    return bearer !== undefined && accessTokens.has(bearer) && !revoked.has(bearer)
  }
  const unauthorised = () =>
    squareError(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.')
  const location = { id: locationId, merchant_id: merchantId, name: 'Main Street', status: 'ACTIVE', currency: 'USD' }
  const variations = () =>
    catalog.flatMap((object) => (object.type === 'ITEM' ? (object.item_data?.variations ?? []) : []))
  const modifierIds = () =>
    new Set(
      catalog.flatMap((object) =>
        object.type === 'MODIFIER_LIST' ? (object.modifier_list_data?.modifiers ?? []).map((m: any) => m.id) : [],
      ),
    )

  const issueTokens = () => {
    const access = token('EAAAE')
    const refresh = token('EQAAE')
    accessTokens.add(access)
    refreshTokens.add(refresh)
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z')
    return {
      access_token: access,
      token_type: 'bearer',
      expires_at: expiresAt,
      merchant_id: merchantId,
      refresh_token: refresh,
    }
  }

  function handle(request: RecordedRequest): FakeReply {
    const { method, path, body } = request
    // The seller's approval page, approved at once: back to the redirect URL with a code and the state.
    if (method === 'GET' && path === '/oauth2/authorize') {
      if (request.query.get('client_id') !== applicationId)
        return squareError(400, 'INVALID_REQUEST_ERROR', 'BAD_REQUEST', 'Unknown client_id')
      const back = new URL(request.query.get('redirect_uri') ?? '')
      back.searchParams.set('code', fake.approve())
      back.searchParams.set('state', request.query.get('state') ?? '')
      return { status: 302, headers: { location: back.toString() } }
    }
    if (method === 'POST' && path === '/oauth2/token') {
      if (body?.client_id !== applicationId || body?.client_secret !== applicationSecret)
        return squareError(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'Invalid client credentials')
      if (body.grant_type === 'authorization_code' && codes.delete(body.code))
        return { status: 200, body: issueTokens() }
      if (body.grant_type === 'refresh_token' && refreshTokens.has(body.refresh_token))
        return { status: 200, body: issueTokens() }
      return squareError(400, 'INVALID_REQUEST_ERROR', 'BAD_REQUEST', 'Invalid or used authorization code')
    }
    if (method === 'POST' && path === '/oauth2/revoke') {
      if (request.headers.authorization !== `Client ${applicationSecret}`) return unauthorised()
      for (const issued of accessTokens) if (issued !== personalToken) revoked.add(issued)
      return { status: 200, body: { success: true } }
    }
    if (!authorised(request)) return unauthorised()
    if (method === 'GET' && path === '/v2/locations') return { status: 200, body: { locations: [location] } }
    if (method === 'GET' && path.startsWith('/v2/locations/')) {
      return path === `/v2/locations/${locationId}`
        ? { status: 200, body: { location } }
        : squareError(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', 'Location not found.')
    }
    if (method === 'GET' && path === '/v2/catalog/list') {
      const types = request.query.get('types')?.split(',')
      const listed = catalog.filter((object) => !types || types.includes(object.type))
      const start = Number(request.query.get('cursor') ?? 0)
      const page = listed.slice(start, start + fake.pageSize)
      const next = start + fake.pageSize < listed.length ? String(start + fake.pageSize) : undefined
      return { status: 200, body: { objects: page, ...(next && { cursor: next }) } }
    }
    if (method === 'POST' && path === '/v2/orders') return createOrder(body)
    return squareError(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', `No route ${method} ${path}`)
  }

  function createOrder(body: any): FakeReply {
    const key = body?.idempotency_key
    if (typeof key !== 'string' || key.length === 0)
      return squareError(400, 'INVALID_REQUEST_ERROR', 'MISSING_REQUIRED_PARAMETER', 'Missing idempotency_key')
    const existing = byIdempotencyKey.get(key)
    if (existing) return { status: 200, body: { order: orders.get(existing) } }
    const order = body.order ?? {}
    if (order.location_id !== locationId)
      return squareError(400, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', 'Location not found.')
    const knownVariations = new Set(variations().map((v: any) => v.id))
    const knownModifiers = modifierIds()
    for (const line of order.line_items ?? []) {
      if (line.catalog_object_id && !knownVariations.has(line.catalog_object_id))
        return squareError(
          400,
          'INVALID_REQUEST_ERROR',
          'NOT_FOUND',
          `Item variation with catalog object ID \`${line.catalog_object_id}\` not found.`,
        )
      for (const modifier of line.modifiers ?? [])
        if (modifier.catalog_object_id && !knownModifiers.has(modifier.catalog_object_id))
          return squareError(
            400,
            'INVALID_REQUEST_ERROR',
            'NOT_FOUND',
            `Modifier \`${modifier.catalog_object_id}\` not found.`,
          )
    }
    const id = token('ord')
    const created = {
      ...order,
      id,
      state: 'OPEN',
      version: 1,
      fulfillments: (order.fulfillments ?? []).map((f: any) => ({
        uid: token('f'),
        ...f,
        state: f.state ?? 'PROPOSED',
      })),
      created_at: new Date().toISOString(),
    }
    orders.set(id, created)
    byIdempotencyKey.set(key, id)
    return { status: 200, body: { order: created } }
  }

  const http = await startHttpFake(handle)
  const fake: FakeSquare = Object.assign(http, {
    applicationId,
    applicationSecret,
    signatureKey: token('whsk-'),
    merchantId,
    locationId,
    catalog,
    orders,
    pageSize: 100,
    personalToken,
    revoked,
    approve() {
      const code = token('sq0cgp-')
      codes.add(code)
      return code
    },
    setSoldOut(variationId: string, soldOut: boolean) {
      const variation = variations().find((v: any) => v.id === variationId)
      if (!variation) return false
      variation.item_variation_data.location_overrides = [{ location_id: locationId, sold_out: soldOut }]
      return true
    },
    setFulfillmentState(orderId: string, state: string) {
      const order = orders.get(orderId)
      if (!order) throw new Error(`no order ${orderId}`)
      for (const fulfillment of order.fulfillments) fulfillment.state = state
      order.version += 1
    },
    event(type: string, object: Record<string, unknown>, id?: string) {
      return {
        merchant_id: merchantId,
        type,
        event_id: randomBytes(16).toString('hex'),
        created_at: new Date().toISOString(),
        data: { type: type.split('.')[0], ...(id && { id }), object },
      }
    },
    delivery(notificationUrl: string, event: Record<string, unknown>) {
      const body = JSON.stringify(event)
      const signature = createHmac('sha256', fake.signatureKey)
        .update(notificationUrl + body)
        .digest('base64')
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'square-version': '2026-09-16',
          'x-square-hmacsha256-signature': signature,
        },
      }
    },
  })
  return fake
}

import type { Tenant } from './hardening.test-utils.ts'

/**
 * Who may call each route, and a request that is valid for restaurant `target` (so that a 404
 * can only come from the tenant check, never from a malformed request). A route the server
 * serves but this table does not list fails the authorization suite.
 */
export type Rule =
  | 'public'
  | 'operator'
  | 'operator-or-owner'
  | 'webhook'
  /** The operator key or METRICS_TOKEN; every other credential, a restaurant's or a session's included, gets 401. */
  | 'metrics'
  /** A signed-in person, whoever they are (their own account). */
  | 'session'
  /** Anyone holding a single-use token, carried in the body (the request here holds a wrong one). */
  | 'token'
/**
 * Within a restaurant, what the route needs: `read` (GET, HEAD) and `write` (the rest) unless
 * stated. Restaurant keys and owners hold read and write; staff hold read, availability and status;
 * members and audit are for owners (people), never keys. The operator holds everything.
 */
export type Right = 'read' | 'write' | 'availability' | 'status' | 'members' | 'audit'
export type RouteRequest = { url: string; payload?: unknown }
export type RouteSpec = {
  rule: Rule
  right?: Right
  request(target: Tenant): RouteRequest
  /**
   * The handler's own answers that show the guard let the request through, for routes whose success
   * needs what the matrix does not set up (a connected point of sale, an unpaid order, a provider's
   * signature); the handler answers them only past the guard.
   */
  passes?: { status: number; code: string }
}

const r = (rule: Rule, request: (target: Tenant) => RouteRequest, right?: Right): RouteSpec => ({
  rule,
  request,
  ...(right ? { right } : {}),
})
const past = (spec: RouteSpec, status: number, code: string): RouteSpec => ({ ...spec, passes: { status, code } })

export type Holder = 'restaurant_key' | 'owner' | 'staff'
export const HOLDERS: Record<Right, Holder[]> = {
  read: ['restaurant_key', 'owner', 'staff'],
  write: ['restaurant_key', 'owner'],
  availability: ['restaurant_key', 'owner', 'staff'],
  status: ['restaurant_key', 'owner', 'staff'],
  members: ['owner'],
  audit: ['owner'],
}
export const rightOf = (route: string, spec: RouteSpec): Right =>
  spec.right ?? (route.startsWith('GET ') ? 'read' : 'write')
export const toolCalls = (number: string) => ({
  message: {
    type: 'tool-calls',
    call: { id: 'matrix-call' },
    phoneNumber: { number },
    toolCallList: [{ id: 't1', type: 'function', function: { name: 'get_menu_info', arguments: { query: 'duck' } } }],
  },
})

const itemRoutes = (path: string, create: object, change: object, param = 'itemId'): Record<string, RouteSpec> => ({
  [`GET /api/restaurants/{id}/${path}`]: r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/${path}` })),
  [`POST /api/restaurants/{id}/${path}`]: r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/${path}`,
    payload: create,
  })),
  [`PATCH /api/restaurants/{id}/${path}/{${param}}`]: r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/${path}/${t.itemIds[path]}`,
    payload: change,
  })),
  [`DELETE /api/restaurants/{id}/${path}/{${param}}`]: r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/${path}/${t.itemIds[path]}`,
  })),
})

/** Each PATCH moves a different seeded order from new to accepted, so every allowed one succeeds. */
let ordersMoved = 0
const nextOrder = (target: Tenant) => target.orderIds[ordersMoved++ % target.orderIds.length]

export const ROUTE_RULES: Record<string, RouteSpec> = {
  'GET /api/health': r('public', () => ({ url: '/api/health' })),
  'GET /api/health/live': r('public', () => ({ url: '/api/health/live' })),
  'GET /metrics': r('metrics', () => ({ url: '/metrics' })),
  'POST /api/restaurants': r('operator', () => ({ url: '/api/restaurants', payload: { name: 'Intruder Diner' } })),
  'GET /api/restaurants': r('operator', () => ({ url: '/api/restaurants' })),
  'GET /api/restaurants/{id}': r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}` })),
  'PUT /api/restaurants/{id}': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}`,
    payload: { name: 'Hijacked', menu_items: [] },
  })),
  'DELETE /api/restaurants/{id}': r('operator', (t) => ({ url: `/api/restaurants/${t.id}` })),
  'GET /api/restaurants/{id}/export': r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/export` })),
  'POST /api/restaurants/{id}/api-key/rotate': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/api-key/rotate`,
  })),
  ...itemRoutes('menu-items', { name: 'Planted dish', price: 1 }, { price: 0 }),
  ...itemRoutes('modifiers', { name: 'Planted modifier', price: 1 }, { price: 0 }),
  ...itemRoutes('hours', { day_of_week: 'friday', is_closed: true }, { is_closed: true }),
  ...itemRoutes('delivery-zones', { zone_name: 'Planted zone', delivery_fee: 1 }, { delivery_fee: 0 }),
  ...itemRoutes('faqs', { question: 'Planted question?', answer: 'Planted answer.' }, { answer: 'Changed.' }, 'faqId'),
  ...itemRoutes('special-dates', { date: '2027-07-04', is_closed: true }, { is_closed: true }, 'dateId'),
  'GET /api/restaurants/{id}/open-status': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/open-status`,
  })),
  // Try it only reads (nothing is recorded): staff may use it.
  'POST /api/restaurants/{id}/try': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/try`, payload: { question: 'how much is the duck' } }),
    'read',
  ),
  'GET /api/restaurants/{id}/reservations': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/reservations`,
  })),
  // Moving a booking along (confirm, seat, cancel) is staff's work too.
  'PATCH /api/restaurants/{id}/reservations/{reservationId}': r(
    'operator-or-owner',
    (t) => ({
      url: `/api/restaurants/${t.id}/reservations/${t.reservationId}`,
      payload: { status: 'confirmed' },
    }),
    'status',
  ),
  'GET /api/restaurants/{id}/orders': r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/orders` })),
  'GET /api/restaurants/{id}/orders/{orderId}': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/orders/${t.orderIds[0]}`,
  })),
  // Staff accept, ready, complete and cancel orders.
  'PATCH /api/restaurants/{id}/orders/{orderId}': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/orders/${nextOrder(t)}`, payload: { status: 'accepted' } }),
    'status',
  ),
  'GET /api/restaurants/{id}/insights': r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/insights` })),
  // Without `Accept: text/event-stream` the events route answers a JSON page and ends, as inject needs;
  // the stream itself is refused by the same guard (activity.e2e.test.ts).
  'GET /api/restaurants/{id}/events': r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/events` })),
  'GET /api/restaurants/{id}/phone-numbers': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/phone-numbers`,
  })),
  'POST /api/restaurants/{id}/phone-numbers': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/phone-numbers`,
    payload: { phone_number: '+15105550199' },
  })),
  'DELETE /api/restaurants/{id}/phone-numbers/{number}': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/phone-numbers/${encodeURIComponent(t.number)}`,
  })),
  'GET /api/calls': r('operator-or-owner', (t) => ({ url: `/api/calls?restaurant_id=${t.id}` })),
  'POST /api/calls': r('operator-or-owner', (t) => ({
    url: '/api/calls',
    payload: { restaurant_id: t.id, summary: 'planted call' },
  })),
  'GET /api/calls/unrouted': r('operator', () => ({ url: '/api/calls/unrouted' })),
  'GET /api/calls/{id}': r('operator-or-owner', (t) => ({ url: `/api/calls/${t.callId}` })),
  'DELETE /api/calls/{id}': r('operator-or-owner', (t) => ({ url: `/api/calls/${t.callId}` })),
  'POST /api/vapi/server': r('webhook', (t) => ({ url: '/api/vapi/server', payload: toolCalls(t.number) })),
  'POST /api/vapi/assistant-request': r('webhook', (t) => ({
    url: '/api/vapi/assistant-request',
    payload: toolCalls(t.number),
  })),
  'POST /api/vapi/knowledge-base': r('webhook', (t) => ({
    url: '/api/vapi/knowledge-base',
    payload: toolCalls(t.number),
  })),
  'GET /api/embeddings/status': r('operator', () => ({ url: '/api/embeddings/status' })),
  'POST /api/tools/ask': r('operator', (t) => ({
    url: '/api/tools/ask',
    payload: { number: t.number, question: 'how much is the duck', tool: 'get_menu_info' },
  })),
  'POST /api/embeddings/generate': r('operator', (t) => ({
    url: '/api/embeddings/generate',
    payload: { restaurant_id: t.id },
  })),
  'POST /api/embeddings/cache/invalidate': r('operator', (t) => ({
    url: '/api/embeddings/cache/invalidate',
    payload: { restaurant_id: t.id },
  })),
  // Marking an item sold out is staff's; the same route with a price is an owner's (write, above).
  'PATCH /api/restaurants/{id}/menu-items/{itemId}/availability': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/menu-items/${t.itemIds['menu-items']}`, payload: { available: false } }),
    'availability',
  ),
  'POST /api/auth/login': r('public', (t) => ({
    url: '/api/auth/login',
    payload: { email: t.people.ownerEmail, password: t.people.password },
  })),
  'POST /api/auth/logout': r('session', () => ({ url: '/api/auth/logout' })),
  'GET /api/auth/me': r('session', () => ({ url: '/api/auth/me' })),
  'POST /api/auth/password': r('session', (t) => ({
    url: '/api/auth/password',
    payload: { current_password: t.people.password, new_password: 'a brand new passphrase' },
  })),
  'POST /api/auth/accept-invite': r('token', () => ({
    url: '/api/auth/accept-invite',
    payload: { token: 'not-a-token-anyone-was-given', password: 'a long enough password' },
  })),
  'GET /api/auth/setup-status': r('public', () => ({ url: '/api/auth/setup-status' })),
  'POST /api/auth/accept-invite/preview': r('token', () => ({
    url: '/api/auth/accept-invite/preview',
    payload: { token: 'not-a-token-anyone-was-given' },
  })),
  'POST /api/auth/password-reset': r('public', (t) => ({
    url: '/api/auth/password-reset',
    payload: { email: t.people.ownerEmail },
  })),
  'POST /api/auth/password-reset/confirm': r('token', () => ({
    url: '/api/auth/password-reset/confirm',
    payload: { token: 'not-a-token-anyone-was-given', password: 'a long enough password' },
  })),
  'POST /api/invites': r('operator', () => ({
    url: '/api/invites',
    payload: { email: 'intruder-operator@example.com', role: 'operator' },
  })),
  'POST /api/restaurants/{id}/invites': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/invites`, payload: { email: 'intruder@example.com', role: 'owner' } }),
    'members',
  ),
  'GET /api/restaurants/{id}/members': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/members` }),
    'members',
  ),
  'PATCH /api/restaurants/{id}/members/{userId}': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/members/${t.people.staffUserId}`, payload: { role: 'staff' } }),
    'members',
  ),
  'DELETE /api/restaurants/{id}/members/{userId}': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/members/${t.people.staffUserId}` }),
    'members',
  ),
  'GET /api/restaurants/{id}/audit': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/audit` }),
    'audit',
  ),
  // Messages and event requests: staff read them and mark them done.
  'GET /api/restaurants/{id}/messages': r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/messages` })),
  'PATCH /api/restaurants/{id}/messages/{messageId}': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/messages/${t.messageId}`, payload: { status: 'done' } }),
    'status',
  ),
  // Staff text the caller the payment link again.
  'POST /api/restaurants/{id}/orders/{orderId}/payment-link': past(
    r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/orders/${t.orderIds[0]}/payment-link` }), 'status'),
    409,
    'payments_not_configured',
  ),
  // Stripe signs its events (checked in the payments suite); this server has no Stripe key: a 409 that says so.
  'POST /api/payments/stripe/webhook': past(
    r('public', () => ({
      url: '/api/payments/stripe/webhook',
      payload: { id: 'evt_matrix', type: 'checkout.session.completed', data: { object: {} } },
    })),
    409,
    'payments_not_configured',
  ),
  // The point of sale is the owner's business (write), never staff's, even to look at.
  'GET /api/restaurants/{id}/integrations': r(
    'operator-or-owner',
    (t) => ({ url: `/api/restaurants/${t.id}/integrations` }),
    'write',
  ),
  'POST /api/restaurants/{id}/integrations/square/connect': past(
    r('operator-or-owner', (t) => ({
      url: `/api/restaurants/${t.id}/integrations/square/connect`,
    })),
    400,
    'bad_request',
  ),
  'PUT /api/restaurants/{id}/integrations/square': past(
    r('operator-or-owner', (t) => ({
      url: `/api/restaurants/${t.id}/integrations/square`,
      payload: { access_token: 'EAAA-matrix-token', location_id: 'L-MATRIX' },
    })),
    400,
    'pos_error',
  ),
  'DELETE /api/restaurants/{id}/integrations/square': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/integrations/square`,
  })),
  'POST /api/restaurants/{id}/integrations/square/sync': past(
    r('operator-or-owner', (t) => ({
      url: `/api/restaurants/${t.id}/integrations/square/sync`,
    })),
    409,
    'pos_error',
  ),
  // Square's redirect back to the person who started connecting (their session) with its single-use state.
  'GET /api/integrations/square/callback': past(
    r('session', () => ({
      url: '/api/integrations/square/callback?code=matrix-code&state=matrix-state',
    })),
    400,
    'bad_request',
  ),
  // Square's events carry their signature (x-square-hmacsha256-signature, checked in the Square suite);
  // no credential of ours opens the route, the Vapi secret included.
  'POST /api/integrations/square/webhook': past(
    r('webhook', () => ({
      url: '/api/integrations/square/webhook',
      payload: { merchant_id: 'M-MATRIX', type: 'catalog.version.updated', event_id: 'matrix', data: {} },
    })),
    401,
    'unauthorized',
  ),
}

/** Rules that are not routes of their own: the same route with another body (`<route>/<variant>`). */
export const VARIANTS: Record<string, string> = {
  'PATCH /api/restaurants/{id}/menu-items/{itemId}/availability': 'PATCH /api/restaurants/{id}/menu-items/{itemId}',
}

/** Every route the app serves, as `METHOD /openapi/{path}`, read from its OpenAPI document. */
export function servedRoutes(app: { swagger(): any }): string[] {
  const paths = app.swagger().paths as Record<string, Record<string, unknown>>
  return Object.entries(paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort()
}

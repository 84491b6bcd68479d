import type { Tenant } from './hardening.test-utils.ts'

/**
 * Who may call each route, and a request that is valid for restaurant `target` (so that a 404
 * can only come from the tenant check, never from a malformed request). A route the server
 * serves but this table does not list fails the authorization suite.
 */
export type Rule = 'public' | 'operator' | 'operator-or-owner' | 'webhook'
export type RouteRequest = { url: string; payload?: unknown }
export type RouteSpec = { rule: Rule; request(target: Tenant): RouteRequest }

const r = (rule: Rule, request: (target: Tenant) => RouteRequest): RouteSpec => ({ rule, request })
export const toolCalls = (number: string) => ({
  message: {
    type: 'tool-calls',
    call: { id: 'matrix-call' },
    phoneNumber: { number },
    toolCallList: [{ id: 't1', type: 'function', function: { name: 'get_menu_info', arguments: { query: 'duck' } } }],
  },
})

const itemRoutes = (path: string, create: object, change: object): Record<string, RouteSpec> => ({
  [`GET /api/restaurants/{id}/${path}`]: r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/${path}` })),
  [`POST /api/restaurants/{id}/${path}`]: r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/${path}`,
    payload: create,
  })),
  [`PATCH /api/restaurants/{id}/${path}/{itemId}`]: r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/${path}/${t.itemIds[path]}`,
    payload: change,
  })),
  [`DELETE /api/restaurants/{id}/${path}/{itemId}`]: r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/${path}/${t.itemIds[path]}`,
  })),
})

export const ROUTE_RULES: Record<string, RouteSpec> = {
  'GET /api/health': r('public', () => ({ url: '/api/health' })),
  'GET /api/health/live': r('public', () => ({ url: '/api/health/live' })),
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
  'POST /api/restaurants/{id}/try': r('operator-or-owner', (t) => ({
    url: `/api/restaurants/${t.id}/try`,
    payload: { question: 'how much is the duck' },
  })),
  'GET /api/restaurants/{id}/insights': r('operator-or-owner', (t) => ({ url: `/api/restaurants/${t.id}/insights` })),
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
  'POST /api/embeddings/generate': r('operator', (t) => ({
    url: '/api/embeddings/generate',
    payload: { restaurant_id: t.id },
  })),
  'POST /api/embeddings/cache/invalidate': r('operator', (t) => ({
    url: '/api/embeddings/cache/invalidate',
    payload: { restaurant_id: t.id },
  })),
}

/** Every route the app serves, as `METHOD /openapi/{path}`, read from its OpenAPI document. */
export function servedRoutes(app: { swagger(): any }): string[] {
  const paths = app.swagger().paths as Record<string, Record<string, unknown>>
  return Object.entries(paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort()
}

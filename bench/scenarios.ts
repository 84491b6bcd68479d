// The latency/throughput scenarios of `npm run bench`, and how one load is run against the server.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { BENCH_VAPI_SECRET } from '../test/support/server-process.ts'

export type Figures = {
  requestsPerSecond: number
  p50: number
  p99: number
  total: number
  non2xx: number
  errors: number
  timeouts?: number
  statuses?: Record<string, number>
}
export type Request = { method: string; path: string; headers?: Record<string, string>; body?: string }
export type Scenario = { name: string; request: (phone: string) => Request }

const webhook = (message: Record<string, unknown>): Request => ({
  method: 'POST',
  path: '/api/vapi/server',
  headers: { 'content-type': 'application/json', 'x-vapi-secret': BENCH_VAPI_SECRET },
  body: JSON.stringify({ message }),
})

// A fixed instant: the hours tool and the assistant's local time do not vary between runs.
const AT = Date.parse('2026-06-12T23:00:00Z')

const toolCall = (phone: string, query: string) =>
  webhook({
    type: 'tool-calls',
    timestamp: AT,
    call: { id: 'bench-call' },
    phoneNumber: { number: phone },
    toolCallList: [{ id: 'tc_[<id>]', type: 'function', function: { name: 'get_menu_info', arguments: { query } } }],
  })

/** Le Petit Bistro takes phone orders in the bench (its example bundle does not). */
export const BENCH_ORDER_SETTINGS = { tax_rate: 0.08875, ordering: { enabled: true, pickup_lead_minutes: 20 } }

/** Three lines, one of them twice, delivered: every price, the zone's fee and minimum, and tax. */
export const orderCall = (phone: string, tool: 'quote_order' | 'place_order') =>
  webhook({
    type: 'tool-calls',
    timestamp: AT,
    // A new call per request: place_order would otherwise replace the call's one order.
    call: { id: 'bench-order-[<id>]', customer: { number: '+12125550199' } },
    phoneNumber: { number: phone },
    toolCallList: [
      {
        id: 'tc_[<id>]',
        type: 'function',
        function: {
          name: tool,
          arguments: {
            items: [{ name: 'duck confit', quantity: 2 }, { name: 'french onion soup' }, { name: 'steak frites' }],
            fulfillment: 'delivery',
            postal_code: '10012',
            customer_name: 'Bench',
          },
        },
      },
    ],
  })

export const BASELINE = 'baseline GET /api/health/live'
/** The account signing in in the sign-in scenario (created by run.ts through an invite). */
export const BENCH_USER = { email: 'bench.owner@example.com', password: 'bench password 0123456789' }

export const CONSTANT_POST = 'constant-answer POST'
/** The cache-hit tool call's body, as Vapi sends it (a new tool-call id per request). */
export const cacheHitCall = (phone: string) => toolCall(phone, 'how much is the duck confit')
/** Every question different: each one is embedded (locally), searched and ranked. */
export const cacheMissCall = (phone: string) => toolCall(phone, 'do you have something with duck [<id>]')

export const scenarios: Scenario[] = [
  { name: BASELINE, request: () => ({ method: 'GET', path: '/api/health/live' }) },
  // The framework's limit for a JSON POST: the tool call's body, a constant answer (bench/constant-route.mjs).
  { name: CONSTANT_POST, request: (phone) => ({ ...cacheHitCall(phone), path: '/bench/constant' }) },
  { name: 'tool call, cache hit', request: cacheHitCall },
  // [<id>] is replaced with a unique id per request: every question is new to the answer cache
  // and to the question-embedding cache, so each one is embedded (locally) and searched.
  { name: 'tool call, cache miss', request: cacheMissCall },
  // Priced in code from the menu (names matched as menu search matches them), nothing written.
  { name: 'quote_order', request: (phone) => orderCall(phone, 'quote_order') },
  // The same, then the order written in one transaction with its number and activity event.
  { name: 'place_order', request: (phone) => orderCall(phone, 'place_order') },
  // One argon2id verification per request (the hash cost is the point), plus a session row.
  {
    name: 'sign-in POST /api/auth/login',
    request: () => ({
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_USER),
    }),
  },
  {
    name: 'assistant-request',
    request: (phone) =>
      webhook({
        type: 'assistant-request',
        timestamp: AT,
        call: { id: 'bench-[<id>]' },
        phoneNumber: { number: phone },
      }),
  },
]

const run = promisify(execFile)

/**
 * One load of `duration` seconds from a separate process (bench/load.mjs), so that the load
 * generator never shares an event loop with the server. `sample` is called every 100 ms meanwhile
 * (the server's memory is read under load).
 */
export async function runLoad({
  url,
  connections,
  duration,
  request,
  sample,
}: {
  url: string
  connections: number
  duration: number
  request: Request
  sample?: () => void
}): Promise<Figures> {
  const timer = sample ? setInterval(sample, 100) : undefined
  try {
    const { stdout } = await run(
      process.execPath,
      [
        path.join(import.meta.dirname, 'load.mjs'),
        JSON.stringify({
          url,
          connections,
          duration,
          pipelining: 1,
          requests: [request],
        }),
      ],
      { encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 },
    )
    return JSON.parse(stdout.trim().split('\n').at(-1)!)
  } finally {
    clearInterval(timer)
  }
}

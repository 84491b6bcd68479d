import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { type FakeSquare, startFakeSquare } from '../fakes/fake-square.ts'
import { admin, bearer, createTestApp, type TestApp, VAPI_SECRET, vapi } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import { bundleA, bundleB, seedTenant, snapshot, type Tenant } from './hardening.test-utils.ts'
import {
  hostileBody,
  hostileHeaders,
  hostilePathParam,
  hostileQuery,
  hostileVapiMessage,
} from './hostile.arbitraries.ts'
import { ROUTE_RULES, servedRoutes } from './route-rules.ts'

// At least 10,000 hostile requests in all, shared between the backends the run has.
const backends = testBackends()
// A quarter without the right credential, the rest with it (those reach the handlers and queries).
const RUNS = Math.ceil(10_000 / backends.length / 4)

type Sent = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer }

const json = { ...admin, ...vapi, 'content-type': 'application/json' }
/** Attacks that once found a bug: always run first, whatever the seed. */
const knownAttacks = (target: Tenant): [Sent][] =>
  [
    {
      method: 'POST',
      url: `/api/restaurants/${target.id}/menu-items`,
      headers: json,
      payload: JSON.stringify({ name: 'Duck\u0000', price: 1 }),
    },
    { method: 'POST', url: '/api/restaurants', headers: json, payload: JSON.stringify({ name: '\t\r\n' }) },
    { method: 'GET', url: `/api/calls?restaurant_id=${target.id}&caller=%00%25_`, headers: json },
    { method: 'GET', url: '/api/calls/unrouted?outcome=a%00', headers: json },
    {
      method: 'POST',
      url: '/api/vapi/server',
      headers: json,
      payload: JSON.stringify({
        message: {
          type: 'assistant-request',
          phoneNumber: { number: `${target.number}\u0000` },
          call: { id: 'c\u0000' },
        },
      }),
    },
    { method: 'GET', url: `/api/restaurants/${'%f0%9f%98%80'.repeat(120)}`, headers: json },
  ].map((sent) => [sent])

const keysOf = (payload: unknown) =>
  payload && typeof payload === 'object' && !Array.isArray(payload) ? Object.keys(payload) : []

for (const backend of backends) {
  describe(`hostile input on ${backend.name}`, () => {
    let t: TestApp
    let a: Tenant
    let b: Tenant
    let sandbox: Tenant
    let routes: string[]
    let square: FakeSquare
    let sandboxes = 0
    before(async () => {
      square = await startFakeSquare()
      t = await createTestApp(backend, { config: { rateLimitPerMinute: 1_000_000, square: { baseUrl: square.url } } })
      a = await seedTenant(t, bundleA)
      b = await seedTenant(t, bundleB)
      sandbox = await seedTenant(t, { ...bundleB, name: 'Sandbox', phone_numbers: ['+17185550183'] })
      routes = servedRoutes(t.app)
    })
    after(async () => {
      await t.close()
      await square.close()
    })

    /** One generated request for a route: hostile body, query, headers, and sometimes path. */
    const hostileRequest = (
      target: () => Tenant,
      credentials: (rule: string) => fc.Arbitrary<Record<string, string>>,
      only = routes,
    ) =>
      fc.constantFrom(...only).chain((route) => {
        const [method] = route.split(' ') as [string]
        const { rule, request } = ROUTE_RULES[route]!
        const valid = request(target())
        const body =
          rule === 'webhook'
            ? fc.oneof(hostileVapiMessage(target().number), hostileBody(valid.payload as any, keysOf(valid.payload)))
            : hostileBody(valid.payload as any, keysOf(valid.payload))
        const path = valid.url.split('?')[0]!
        const segments = path.split('/')
        return fc
          .record({
            body: method === 'GET' || method === 'DELETE' ? fc.constant(undefined) : body,
            query: hostileQuery,
            headers: hostileHeaders,
            credential: credentials(rule),
            // A one-segment path (/metrics) has no parameter-like segment to replace.
            pathAt:
              segments.length > 2
                ? fc.oneof(
                    { weight: 9, arbitrary: fc.constant(null) },
                    {
                      weight: 1,
                      arbitrary: fc.tuple(fc.integer({ min: 2, max: segments.length - 1 }), hostilePathParam),
                    },
                  )
                : fc.constant(null),
          })
          .map(({ body, query, headers, credential, pathAt }): Sent => {
            const parts = [...segments]
            if (pathAt) parts[pathAt[0]] = pathAt[1]
            const url = `${parts.join('/')}?${[valid.url.split('?')[1], query].filter(Boolean).join('&')}`
            return {
              method,
              url,
              headers: { ...headers, ...credential },
              ...(body === undefined ? {} : { payload: body }),
            }
          })
      })

    let sent = 0
    const statuses = new Map<number, number>()
    const check = async (request: Sent) => {
      const response = await t.app.inject(request as any)
      sent++
      // The sandbox lost a call, an item or its number: give it new ones, so later requests still find something.
      if (request.method === 'DELETE' && response.statusCode === 204 && request.headers.authorization) {
        sandbox = await seedTenant(t, {
          ...bundleB,
          name: 'Sandbox',
          phone_numbers: [`+1718555${String(++sandboxes).padStart(4, '0')}`],
        })
      }
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
      assert.ok(
        response.statusCode < 500,
        `${request.method} ${request.url.slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 500)}`,
      )
      if (response.statusCode >= 400)
        assert.equal(typeof response.json().error.code, 'string', response.body.slice(0, 200))
    }
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

    it("gives hostile requests with no credentials, or another's, a 4xx and changes nothing", async () => {
      const before = await snapshot(t, [a, b, sandbox])
      const always = [
        {},
        bearer('rk_guess'),
        bearer('x'.repeat(600)),
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
        { authorization: 'Bearer' },
      ]
      const wrong = (rule: string) =>
        fc.constantFrom<Record<string, string>>(
          ...always,
          ...(rule === 'webhook' ? [admin] : [vapi, bearer(VAPI_SECRET)]),
        )
      await fc.assert(
        fc.asyncProperty(
          hostileRequest(() => a, wrong),
          check,
        ),
        { numRuns: RUNS },
      )
      assert.deepEqual(await snapshot(t, [a, b, sandbox]), before)
    })

    it("answers hostile operator and Vapi requests without a 5xx, other restaurants' data unchanged", async () => {
      const before = await snapshot(t, [a, b])
      // Operator routes get the operator key, webhooks the Vapi secret; the target is the sandbox
      // restaurant. Deleting it would leave nothing to attack (that route is in the other tests).
      const right = () => fc.constant({ ...admin, ...vapi })
      const survivable = routes.filter((route) => route !== 'DELETE /api/restaurants/{id}')
      await fc.assert(
        fc.asyncProperty(
          hostileRequest(() => sandbox, right, survivable),
          check,
        ),
        { numRuns: 3 * RUNS, examples: knownAttacks(sandbox) },
      )
      assert.deepEqual((await snapshot(t, [a, b])).perTenant, before.perTenant)
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys)
      assert.equal(({} as any).polluted, undefined)
      const health = await t.app.inject({ method: 'GET', url: '/api/health' })
      assert.equal(health.statusCode, 200)
      const byStatus = JSON.stringify(Object.fromEntries([...statuses].sort()))
      console.log(`# ${backend.name}: ${sent} hostile requests, statuses ${byStatus}`)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ADMIN_KEY, admin, bearer, createTestApp, type TestApp, VAPI_SECRET, vapi } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import { bundleA, bundleB, CALLER, NUMBER_A, seedTenant, snapshot, type Tenant } from './hardening.test-utils.ts'
import { ROUTE_RULES, type Rule, servedRoutes } from './route-rules.ts'

type Attempt = { who: string; headers: Record<string, string> }

/** Every credential that must not open a route of this kind, and the status it must get. */
function forbiddenAttempts(rule: Rule, foreignKey: string): (Attempt & { status: number })[] {
  const none = { who: 'no credential', headers: {}, status: 401 }
  const wrong = { who: 'a wrong key', headers: bearer('rk_wrong-key-that-no-restaurant-has-000000'), status: 401 }
  const vapiAsHeader = { who: 'the Vapi secret (header)', headers: vapi, status: 401 }
  const vapiAsBearer = { who: 'the Vapi secret (bearer)', headers: bearer(VAPI_SECRET), status: 401 }
  switch (rule) {
    case 'public':
      return []
    case 'operator':
      return [
        none,
        wrong,
        vapiAsHeader,
        vapiAsBearer,
        { who: "another restaurant's key", headers: bearer(foreignKey), status: 403 },
      ]
    case 'operator-or-owner':
      return [
        none,
        wrong,
        vapiAsHeader,
        vapiAsBearer,
        { who: "another restaurant's key", headers: bearer(foreignKey), status: 404 },
      ]
    case 'metrics':
      return [
        none,
        wrong,
        vapiAsHeader,
        vapiAsBearer,
        { who: 'a restaurant key', headers: bearer(foreignKey), status: 401 },
      ]
    case 'webhook':
      return [
        none,
        wrong,
        { who: 'a restaurant key', headers: bearer(foreignKey), status: 401 },
        { who: 'the operator key (bearer)', headers: admin, status: 401 },
        { who: 'the operator key (header)', headers: { 'x-vapi-secret': ADMIN_KEY }, status: 401 },
      ]
  }
}

for (const backend of testBackends()) {
  describe(`the authorization matrix on ${backend.name}`, () => {
    let t: TestApp
    let a: Tenant
    let b: Tenant
    before(async () => {
      t = await createTestApp(backend)
      a = await seedTenant(t, bundleA)
      b = await seedTenant(t, bundleB)
    })
    after(async () => {
      await t.close()
    })

    const send = (method: string, request: { url: string; payload?: unknown }, headers: Record<string, string>) =>
      t.app.inject({
        method: method as 'GET',
        url: request.url,
        headers,
        ...(request.payload === undefined ? {} : { payload: request.payload as object }),
      })

    it('gives every route the server serves a rule, and lists no route the server lacks', () => {
      const served = servedRoutes(t.app)
      assert.deepEqual(
        served.filter((route) => !(route in ROUTE_RULES)),
        [],
        'routes without an authorization rule',
      )
      assert.deepEqual(
        Object.keys(ROUTE_RULES)
          .filter((route) => !served.includes(route))
          .sort(),
        [],
        'rules for routes that do not exist',
      )
    })

    it("refuses every wrong credential on every route and never reads or writes another restaurant's data", async () => {
      const before = await snapshot(t, [a, b])
      let attempts = 0
      for (const route of servedRoutes(t.app)) {
        const [method] = route.split(' ')
        const { rule, request } = ROUTE_RULES[route]!
        for (const attempt of forbiddenAttempts(rule, b.api_key)) {
          const response = await send(method!, request(a), attempt.headers)
          attempts++
          assert.equal(response.statusCode, attempt.status, `${route} with ${attempt.who}: ${response.body}`)
          assert.equal(
            response.json().error.code,
            { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[attempt.status],
          )
          for (const secret of [bundleA.name, NUMBER_A, a.callId, 'Duck Confit', CALLER]) {
            assert.ok(!response.body.includes(secret), `${route} with ${attempt.who} revealed ${secret}`)
          }
        }
        if (method === 'GET' && rule !== 'public') {
          // HEAD routes are made from GET routes; they must keep the guard.
          const head = await t.app.inject({ method: 'HEAD', url: request(a).url })
          assert.equal(head.statusCode, 401, `HEAD ${route}`)
        }
      }
      assert.ok(attempts > 120, `only ${attempts} attempts`)
      assert.deepEqual(await snapshot(t, [a, b]), before)
    })

    it('lets a restaurant key see only its own calls, insights, numbers and items, whatever the filters', async () => {
      const own = await send('GET', { url: `/api/calls?caller=${encodeURIComponent(CALLER)}` }, bearer(b.api_key))
      assert.equal(own.statusCode, 200)
      assert.deepEqual(
        own.json().data.map((call: any) => call.restaurant_id),
        [b.id],
      )
      const insights = await send('GET', { url: `/api/restaurants/${b.id}/insights` }, bearer(b.api_key))
      assert.equal(insights.json().calls.total, 1)
      // Its own restaurant id in the path with the other restaurant's item id: still not found.
      for (const [path, itemId] of Object.entries(a.itemIds)) {
        for (const method of ['PATCH', 'DELETE']) {
          const response = await send(
            method,
            { url: `/api/restaurants/${b.id}/${path}/${itemId}`, ...(method === 'PATCH' ? { payload: {} } : {}) },
            bearer(b.api_key),
          )
          assert.equal(response.statusCode, 404, `${method} ${path}`)
        }
      }
      const foreignNumber = await send(
        'DELETE',
        { url: `/api/restaurants/${b.id}/phone-numbers/${encodeURIComponent(NUMBER_A)}` },
        bearer(b.api_key),
      )
      assert.equal(foreignNumber.statusCode, 404)
      const stealNumber = await send(
        'POST',
        { url: `/api/restaurants/${b.id}/phone-numbers`, payload: { phone_number: NUMBER_A } },
        bearer(b.api_key),
      )
      assert.equal(stealNumber.statusCode, 409)
      assert.ok(!stealNumber.body.includes(a.id) && !stealNumber.body.includes(bundleA.name))
      const numbers = await send('GET', { url: `/api/restaurants/${a.id}/phone-numbers` }, admin)
      assert.deepEqual(
        numbers.json().data.map((n: any) => n.phone_number),
        [NUMBER_A],
      )
    })

    it('lets the right credential through on every route', async () => {
      let fresh = 0
      for (const route of servedRoutes(t.app)) {
        const [method] = route.split(' ')
        const { rule, request } = ROUTE_RULES[route]!
        // Deleting or rotating gets a restaurant of its own, so that the routes after it still find theirs.
        const destructive = method === 'DELETE' || route.includes('rotate')
        const target = destructive
          ? await seedTenant(t, { ...bundleB, name: 'Target', phone_numbers: [`+1646555${1000 + ++fresh}`] })
          : a
        const credentials =
          rule === 'public'
            ? [{}]
            : rule === 'webhook'
              ? [vapi, bearer(VAPI_SECRET)]
              : rule === 'operator' || rule === 'metrics'
                ? [admin]
                : [admin, bearer(target.api_key)]
        for (const headers of credentials) {
          const response = await send(method!, request(target), headers)
          assert.ok(
            response.statusCode >= 200 && response.statusCode < 300,
            `${route}: ${response.statusCode} ${response.body}`,
          )
          if (method === 'DELETE' || route.includes('rotate')) break // the second credential would find nothing left, or a rotated key
        }
      }
    })
  })
}

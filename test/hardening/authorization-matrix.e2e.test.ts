import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { as, type Browser, inviteAndAccept, signInAs } from '../../src/modules/accounts/accounts.test-utils.ts'
import { type FakeSquare, startFakeSquare } from '../fakes/fake-square.ts'
import { ADMIN_KEY, admin, bearer, createTestApp, type TestApp, VAPI_SECRET, vapi } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import {
  bundleA,
  bundleB,
  CALLER,
  NUMBER_A,
  type People,
  seedTenant,
  snapshot,
  type Tenant,
} from './hardening.test-utils.ts'
import { HOLDERS, ROUTE_RULES, type RouteSpec, rightOf, servedRoutes, VARIANTS } from './route-rules.ts'

type Attempt = { who: string; headers: Record<string, string> }
type Expected = Attempt & { status: number }

/** The signed-in people the matrix tries: a's owner and staff, b's owner, an operator, and a session that ended. */
type Sessions = { own: People; foreignOwner: Browser; operator: Browser; stale: Browser }

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** A browser's headers; writes carry the CSRF token, so what is tested is the right, not the CSRF check. */
const browser = (who: Browser, method: string) => as(who, { write: UNSAFE.has(method) })

/** Every credential that must not open this route, and the status it must get. */
function forbiddenAttempts(
  route: string,
  spec: RouteSpec,
  { foreignKey, ownKey, sessions }: { foreignKey: string; ownKey: string; sessions: Sessions },
): Expected[] {
  const [method] = route.split(' ') as [string]
  const none = { who: 'no credential', headers: {}, status: 401 }
  const wrong = { who: 'a wrong key', headers: bearer('rk_wrong-key-that-no-restaurant-has-000000'), status: 401 }
  const vapiAsHeader = { who: 'the Vapi secret (header)', headers: vapi, status: 401 }
  const vapiAsBearer = { who: 'the Vapi secret (bearer)', headers: bearer(VAPI_SECRET), status: 401 }
  const stale = { who: 'a session after logout', headers: browser(sessions.stale, method), status: 401 }
  const person = (who: string, b: Browser, status: number) => ({ who, headers: browser(b, method), status })
  switch (spec.rule) {
    case 'public':
    case 'token':
      return []
    case 'operator':
      return [
        none,
        wrong,
        vapiAsHeader,
        vapiAsBearer,
        stale,
        { who: "another restaurant's key", headers: bearer(foreignKey), status: 403 },
        person('an owner', sessions.own.owner, 403),
        person('staff', sessions.own.staff, 403),
      ]
    case 'operator-or-owner': {
      const right = rightOf(route, spec)
      const keyMay = HOLDERS[right].includes('restaurant_key')
      return [
        none,
        wrong,
        vapiAsHeader,
        vapiAsBearer,
        stale,
        // A key lacking the right is refused before its restaurant is looked at: 403 reveals nothing.
        { who: "another restaurant's key", headers: bearer(foreignKey), status: keyMay ? 404 : 403 },
        person("another restaurant's owner", sessions.foreignOwner, 404),
        ...(keyMay ? [] : [{ who: 'its own key', headers: bearer(ownKey), status: 403 }]),
        ...(HOLDERS[right].includes('staff') ? [] : [person('its staff', sessions.own.staff, 403)]),
        ...(HOLDERS[right].includes('owner') ? [] : [person('its owner', sessions.own.owner, 403)]),
      ]
    }
    case 'metrics':
      return [
        none,
        wrong,
        vapiAsHeader,
        vapiAsBearer,
        { who: 'a restaurant key', headers: bearer(foreignKey), status: 401 },
        person("an owner's session", sessions.own.owner, 401),
        person("an operator's session", sessions.operator, 401),
      ]
    case 'webhook':
      return [
        none,
        wrong,
        { who: 'a restaurant key', headers: bearer(foreignKey), status: 401 },
        { who: 'the operator key (bearer)', headers: admin, status: 401 },
        { who: 'the operator key (header)', headers: { 'x-vapi-secret': ADMIN_KEY }, status: 401 },
        person("an owner's session", sessions.own.owner, 401),
        person("an operator's session", sessions.operator, 401),
      ]
    case 'session':
      return [
        none,
        stale,
        { who: 'the operator key', headers: admin, status: 401 },
        { who: 'a restaurant key', headers: bearer(ownKey), status: 401 },
        vapiAsBearer,
      ]
  }
}

for (const backend of testBackends()) {
  describe(`the authorization matrix on ${backend.name}`, () => {
    let t: TestApp
    let square: FakeSquare
    let a: Tenant
    let b: Tenant
    let sessions: Sessions
    before(async () => {
      // Square answers the point-of-sale routes (a token of nobody's is Square's 401, our 400).
      square = await startFakeSquare()
      const { applicationId, applicationSecret } = square
      t = await createTestApp(backend, {
        config: { square: { baseUrl: square.url, applicationId, applicationSecret } },
      })
      a = await seedTenant(t, bundleA)
      b = await seedTenant(t, bundleB)
      const operator = await inviteAndAccept(t.app, {
        inviter: admin,
        email: 'matrix-ops@example.com',
        role: 'operator',
      })
      const stale = await signInAs(t.app, a.people.ownerEmail)
      const logout = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: as(stale, { write: true }),
      })
      assert.equal(logout.statusCode, 204)
      sessions = { own: a.people, foreignOwner: b.people.owner, operator, stale }
    })
    after(async () => {
      await t.close()
      await square.close()
    })

    const send = (method: string, request: { url: string; payload?: unknown }, headers: Record<string, string>) =>
      t.app.inject({
        method: method as 'GET',
        url: request.url,
        headers,
        ...(request.payload === undefined ? {} : { payload: request.payload as object }),
      })
    /** Every rule, the route it applies to, and its method (a variant is the same route with another body). */
    const rules = () =>
      Object.entries(ROUTE_RULES)
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([key, spec]) => {
          const route = VARIANTS[key] ?? key
          return { key, route, method: route.split(' ')[0]!, spec }
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
          .filter((route) => !served.includes(VARIANTS[route] ?? route))
          .sort(),
        [],
        'rules for routes that do not exist',
      )
    })

    it('refuses every wrong credential, role and session on every route; no other tenant leaks', async () => {
      const before = await snapshot(t, [a, b])
      let attempts = 0
      for (const { key, route, method, spec } of rules()) {
        const { request } = spec
        for (const attempt of forbiddenAttempts(key, spec, { foreignKey: b.api_key, ownKey: a.api_key, sessions })) {
          const response = await send(method, request(a), attempt.headers)
          attempts++
          assert.equal(response.statusCode, attempt.status, `${key} with ${attempt.who}: ${response.body}`)
          assert.equal(
            response.json().error.code,
            { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[attempt.status],
          )
          for (const secret of [bundleA.name, NUMBER_A, a.callId, 'Duck Confit', CALLER]) {
            assert.ok(!response.body.includes(secret), `${key} with ${attempt.who} revealed ${secret}`)
          }
        }
        if (method === 'GET' && spec.rule !== 'public' && spec.rule !== 'token') {
          // HEAD routes are made from GET routes; they must keep the guard.
          const head = await t.app.inject({ method: 'HEAD', url: request(a).url })
          assert.equal(head.statusCode, 401, `HEAD ${route}`)
        }
      }
      assert.ok(attempts > 300, `only ${attempts} attempts`)
      assert.deepEqual(await snapshot(t, [a, b]), before)
    })

    for (const [who, credential] of [
      ['a restaurant key', (tenant: Tenant) => bearer(tenant.api_key)],
      ["an owner's session", (tenant: Tenant) => as(tenant.people.owner, { write: true })],
      ["a staff member's session", (tenant: Tenant) => as(tenant.people.staff, { write: true })],
    ] as const) {
      it(`lets ${who} see only its own calls, insights, numbers and items, whatever the filters`, async () => {
        const headers = credential(b)
        const own = await send('GET', { url: `/api/calls?caller=${encodeURIComponent(CALLER)}` }, headers)
        assert.equal(own.statusCode, 200)
        assert.deepEqual(
          own.json().data.map((call: any) => call.restaurant_id),
          [b.id],
        )
        const insights = await send('GET', { url: `/api/restaurants/${b.id}/insights` }, headers)
        assert.equal(insights.json().calls.total, 1)
        // Its own restaurant id in the path with the other restaurant's item id: still not found.
        for (const [path, itemId] of Object.entries(a.itemIds)) {
          for (const method of ['PATCH', 'DELETE']) {
            const response = await send(
              method,
              {
                url: `/api/restaurants/${b.id}/${path}/${itemId}`,
                ...(method === 'PATCH' ? { payload: { available: false } } : {}),
              },
              headers,
            )
            const staffMay = method === 'PATCH' && path === 'menu-items'
            const expected = who.startsWith('a staff') && !staffMay ? 403 : 404
            assert.equal(response.statusCode, expected, `${method} ${path}: ${response.body}`)
          }
        }
        // Staff may move bookings along, but only their own restaurant's.
        const foreignBooking = await send(
          'PATCH',
          { url: `/api/restaurants/${b.id}/reservations/${a.reservationId}`, payload: { status: 'cancelled' } },
          headers,
        )
        assert.equal(foreignBooking.statusCode, 404, foreignBooking.body)
        const foreignCall = await send('GET', { url: `/api/calls/${a.callId}` }, headers)
        assert.equal(foreignCall.statusCode, 404)
        // Another restaurant's order under its own restaurant's path: not found, to read or to move.
        const foreignOrderUrl = `/api/restaurants/${b.id}/orders/${a.orderIds[0]}`
        assert.equal((await send('GET', { url: foreignOrderUrl }, headers)).statusCode, 404)
        const foreignOrder = await send('PATCH', { url: foreignOrderUrl, payload: { status: 'cancelled' } }, headers)
        assert.equal(foreignOrder.statusCode, 404)
        const foreignNumber = await send(
          'DELETE',
          { url: `/api/restaurants/${b.id}/phone-numbers/${encodeURIComponent(NUMBER_A)}` },
          headers,
        )
        assert.equal(foreignNumber.statusCode, who.startsWith('a staff') ? 403 : 404)
        if (!who.startsWith('a staff')) {
          const stealNumber = await send(
            'POST',
            { url: `/api/restaurants/${b.id}/phone-numbers`, payload: { phone_number: NUMBER_A } },
            headers,
          )
          assert.equal(stealNumber.statusCode, 409)
          assert.ok(!stealNumber.body.includes(a.id) && !stealNumber.body.includes(bundleA.name))
        }
        const numbers = await send('GET', { url: `/api/restaurants/${a.id}/phone-numbers` }, admin)
        assert.deepEqual(
          numbers.json().data.map((n: any) => n.phone_number),
          [NUMBER_A],
        )
      })
    }

    it('lets the right credential and the right role through on every route', async () => {
      let fresh = 0
      for (const { key, route, method, spec } of rules()) {
        const { rule, request } = spec
        // Deleting, rotating or changing a password gets a restaurant (and people) of its own per credential,
        // so that later routes still find theirs.
        const destructive = method === 'DELETE' || route.includes('rotate') || route === 'POST /api/auth/password'
        const credentials: Array<(target: Tenant) => Promise<Record<string, string>>> = []
        const fixed = (headers: Record<string, string>) => async () => headers
        if (rule === 'public' || rule === 'token') credentials.push(fixed({}))
        else if (rule === 'webhook') credentials.push(fixed(vapi), fixed(bearer(VAPI_SECRET)))
        else if (rule === 'metrics') credentials.push(fixed(admin))
        else if (rule === 'session')
          // A session of its own each time: logging out must not end the sessions the next routes use.
          credentials.push(async (target) => as(await signInAs(t.app, target.people.ownerEmail), { write: true }))
        else {
          credentials.push(fixed(admin), fixed(browser(sessions.operator, method)))
          if (rule === 'operator-or-owner') {
            const holders = HOLDERS[rightOf(key, spec)]
            if (holders.includes('restaurant_key')) credentials.push(async (target) => bearer(target.api_key))
            if (holders.includes('owner')) credentials.push(async (target) => browser(target.people.owner, method))
            if (holders.includes('staff')) credentials.push(async (target) => browser(target.people.staff, method))
          }
        }
        for (const credential of credentials) {
          const target = destructive
            ? await seedTenant(t, { ...bundleB, name: 'Target', phone_numbers: [`+1646555${1000 + ++fresh}`] })
            : a
          const response = await send(method, request(target), await credential(target))
          if (rule === 'token') {
            // Nobody is refused at the door; a token that was never issued is a 400.
            assert.equal(response.statusCode, 400, `${key}: ${response.body}`)
            assert.equal(response.json().error.code, 'invalid_token')
            continue
          }
          if (spec.passes && response.statusCode === spec.passes.status) {
            assert.equal(response.json().error.code, spec.passes.code, `${key}: ${response.body}`)
            continue
          }
          assert.ok(
            response.statusCode >= 200 && response.statusCode < 300,
            `${key} (credential ${credentials.indexOf(credential)}): ${response.statusCode} ${response.body}`,
          )
        }
      }
    })
  })
}

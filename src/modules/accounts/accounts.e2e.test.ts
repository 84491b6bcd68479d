import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import {
  as,
  type Browser,
  browserFor,
  inviteAndAccept,
  PASSWORD,
  sessionCookie,
  signInAs,
} from './accounts.test-utils.ts'

const bundle = {
  name: 'Chez Compte',
  menu_items: [
    { name: 'Duck Confit', price: 28.5 },
    { name: 'Onion Soup', price: 9 },
  ],
}

for (const backend of testBackends()) {
  describe(`accounts on ${backend.name}`, () => {
    let t: TestApp
    let restaurant: { id: string; api_key: string }
    let owner: Browser
    let staff: Browser
    let duckId: string
    before(async () => {
      t = await createTestApp(backend)
      restaurant = await t.createRestaurant(bundle)
      owner = await inviteAndAccept(t.app, {
        inviter: admin,
        restaurantId: restaurant.id,
        email: 'Owner@Example.com',
        role: 'owner',
      })
      staff = await inviteAndAccept(t.app, {
        inviter: as(owner, { write: true }),
        restaurantId: restaurant.id,
        email: 'staff@example.com',
        role: 'staff',
      })
      const items = await t.app.inject({ url: `/api/restaurants/${restaurant.id}/menu-items`, headers: as(staff) })
      duckId = items.json().data.find((item: any) => item.name === 'Duck Confit').id
    })
    after(async () => {
      await t.close()
    })

    it('invite → accept → sign in → act as owner → sign out; the session stops at once', async () => {
      const invite = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${restaurant.id}/invites`,
        headers: admin,
        payload: { email: 'second.owner@example.com', role: 'owner' },
      })
      assert.equal(invite.statusCode, 201)
      const { invite_url, token, expires_at, mailed } = invite.json()
      assert.equal(invite_url, `http://localhost:8000/accept-invite#token=${token}`)
      assert.equal(mailed, false)
      const days = (Date.parse(expires_at) - Date.now()) / 86_400_000
      assert.ok(days > 6.99 && days <= 7, `expires in ${days} days`)

      const accepted = await t.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token, password: 'another long password', name: 'Second' },
      })
      assert.equal(accepted.statusCode, 200, accepted.body)
      assert.deepEqual(accepted.json().restaurants, [{ id: restaurant.id, name: bundle.name, role: 'owner' }])
      assert.equal(accepted.json().user.email, 'second.owner@example.com')
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token, password: 'yet another password' },
      })
      assert.equal(again.statusCode, 400)
      assert.equal(again.json().error.code, 'invalid_token')

      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'SECOND.owner@example.com', password: 'another long password' },
      })
      assert.equal(login.statusCode, 200, login.body)
      assert.deepEqual(login.json(), {
        user: { id: login.json().user.id, email: 'second.owner@example.com', name: 'Second', is_operator: false },
        restaurants: [{ id: restaurant.id, name: bundle.name, role: 'owner' }],
      })
      const browser = await browserFor(t.app, sessionCookie(login))
      const renamed = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${restaurant.id}`,
        headers: as(browser, { write: true }),
        payload: { name: 'Chez Compte' },
      })
      assert.equal(renamed.statusCode, 200, renamed.body)
      const rotated = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${restaurant.id}/api-key/rotate`,
        headers: as(browser, { write: true }),
      })
      assert.equal(rotated.statusCode, 200)
      restaurant.api_key = rotated.json().api_key

      const logout = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: as(browser, { write: true }),
      })
      assert.equal(logout.statusCode, 204)
      assert.match(String(logout.headers['set-cookie']), /rv_session=;.*Expires=Thu, 01 Jan 1970/)
      for (const url of ['/api/auth/me', `/api/restaurants/${restaurant.id}`]) {
        const stale = await t.app.inject({ url, headers: as(browser) })
        assert.equal(stale.statusCode, 401, url)
      }
    })

    it('answers a wrong email and a wrong password with the same 401', async () => {
      const attempt = (email: string, password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password },
          remoteAddress: '10.9.9.9',
        })
      const wrongEmail = await attempt('nobody@example.com', PASSWORD)
      const wrongPassword = await attempt('owner@example.com', 'not the password')
      assert.equal(wrongEmail.statusCode, 401)
      assert.equal(wrongPassword.statusCode, 401)
      const { request_id: _a, ...a } = wrongEmail.json().error
      const { request_id: _b, ...b } = wrongPassword.json().error
      assert.deepEqual(a, b)
      assert.equal(wrongEmail.headers['set-cookie'], undefined)
    })

    it('lets staff read everything and mark an item unavailable, but not change a price', async () => {
      for (const url of [
        `/api/restaurants/${restaurant.id}`,
        `/api/restaurants/${restaurant.id}/export`,
        `/api/restaurants/${restaurant.id}/insights`,
        '/api/calls',
      ]) {
        const response = await t.app.inject({ url, headers: as(staff) })
        assert.equal(response.statusCode, 200, `${url}: ${response.body}`)
      }
      const soldOut = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${restaurant.id}/menu-items/${duckId}`,
        headers: as(staff, { write: true }),
        payload: { available: false },
      })
      assert.equal(soldOut.statusCode, 200, soldOut.body)
      assert.equal(soldOut.json().available, false)
      const price = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${restaurant.id}/menu-items/${duckId}`,
        headers: as(staff, { write: true }),
        payload: { price: 1 },
      })
      assert.equal(price.statusCode, 403)
      const sneaky = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${restaurant.id}/menu-items/${duckId}`,
        headers: as(staff, { write: true }),
        payload: { available: true, price: 1 },
      })
      assert.equal(sneaky.statusCode, 403)
      for (const [method, url, payload] of [
        ['PUT', `/api/restaurants/${restaurant.id}`, { name: 'Staff Diner' }],
        ['POST', `/api/restaurants/${restaurant.id}/invites`, { email: 'friend@example.com', role: 'owner' }],
        ['POST', `/api/restaurants/${restaurant.id}/api-key/rotate`, undefined],
        ['DELETE', `/api/restaurants/${restaurant.id}/menu-items/${duckId}`, undefined],
      ] as const) {
        const response = await t.app.inject({ method, url, headers: as(staff, { write: true }), payload })
        assert.equal(response.statusCode, 403, `${method} ${url}`)
      }
      const exported = await t.app.inject({ url: `/api/restaurants/${restaurant.id}/export`, headers: admin })
      const duck = exported.json().menu_items.find((item: any) => item.name === 'Duck Confit')
      assert.equal(duck.price, 28.5)
      assert.equal(duck.available, false)
      assert.equal(exported.json().name, 'Chez Compte')
    })

    it('lists members, refuses to demote or remove the last owner, and applies a new role at once', async () => {
      const members = await t.app.inject({ url: `/api/restaurants/${restaurant.id}/members`, headers: as(owner) })
      assert.equal(members.statusCode, 200)
      const byEmail = Object.fromEntries(members.json().data.map((m: any) => [m.email, m.role]))
      assert.equal(byEmail['owner@example.com'], 'owner')
      assert.equal(byEmail['staff@example.com'], 'staff')

      // The second owner (first test) is removed first, leaving one owner.
      const second = members.json().data.find((m: any) => m.email === 'second.owner@example.com')
      if (second) {
        const removed = await t.app.inject({
          method: 'DELETE',
          url: `/api/restaurants/${restaurant.id}/members/${second.user_id}`,
          headers: as(owner, { write: true }),
        })
        assert.equal(removed.statusCode, 204)
      }
      for (const [method, payload] of [
        ['PATCH', { role: 'staff' }],
        ['DELETE', undefined],
      ] as const) {
        const refused = await t.app.inject({
          method,
          url: `/api/restaurants/${restaurant.id}/members/${owner.userId}`,
          headers: admin,
          payload,
        })
        assert.equal(refused.statusCode, 409, `${method}: ${refused.body}`)
        assert.equal(refused.json().error.code, 'last_owner')
      }
      const promoted = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${restaurant.id}/members/${staff.userId}`,
        headers: as(owner, { write: true }),
        payload: { role: 'owner' },
      })
      assert.equal(promoted.statusCode, 200)
      assert.equal(promoted.json().role, 'owner')
      const me = await t.app.inject({ url: '/api/auth/me', headers: as(staff) })
      assert.deepEqual(me.json().restaurants, [{ id: restaurant.id, name: bundle.name, role: 'owner' }])
      const demoted = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${restaurant.id}/members/${staff.userId}`,
        headers: as(owner, { write: true }),
        payload: { role: 'staff' },
      })
      assert.equal(demoted.statusCode, 200)
      const price = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${restaurant.id}/menu-items/${duckId}`,
        headers: as(staff, { write: true }),
        payload: { price: 2 },
      })
      assert.equal(price.statusCode, 403)
    })

    it('records who wrote what, readable by the owner and the operator, not by staff or the key', async () => {
      const audit = await t.app.inject({ url: `/api/restaurants/${restaurant.id}/audit?limit=200`, headers: as(owner) })
      assert.equal(audit.statusCode, 200, audit.body)
      const entries = audit.json().data as any[]
      const staffWrite = entries.find(
        (e) => e.actor.email === 'staff@example.com' && e.route === '/api/restaurants/:id/menu-items/:itemId',
      )
      assert.ok(staffWrite, JSON.stringify(entries.slice(0, 5)))
      assert.deepEqual(
        { kind: staffWrite.actor.kind, method: staffWrite.method, status: staffWrite.status_code },
        { kind: 'user', method: 'PATCH', status: 200 },
      )
      assert.ok(entries.some((e) => e.actor.kind === 'operator_key' && e.route === '/api/restaurants/:id/invites'))
      assert.ok(!entries.some((e) => e.status_code >= 400), 'refused requests are not writes')
      const fromOperator = await t.app.inject({ url: `/api/restaurants/${restaurant.id}/audit`, headers: admin })
      assert.equal(fromOperator.statusCode, 200)
      const page = await t.app.inject({ url: `/api/restaurants/${restaurant.id}/audit?limit=1`, headers: admin })
      const next = await t.app.inject({
        url: `/api/restaurants/${restaurant.id}/audit?limit=1&cursor=${page.json().next_cursor}`,
        headers: admin,
      })
      assert.notEqual(next.json().data[0].id, page.json().data[0].id)
      for (const headers of [as(staff), bearer(restaurant.api_key)]) {
        const refused = await t.app.inject({ url: `/api/restaurants/${restaurant.id}/audit`, headers })
        assert.equal(refused.statusCode, 403)
      }
    })

    it('lets the operator CLI-style invite make an operator, who then has the operator rights', async () => {
      const operator = await inviteAndAccept(t.app, { inviter: admin, email: 'ops@example.com', role: 'operator' })
      const me = await t.app.inject({ url: '/api/auth/me', headers: as(operator) })
      assert.equal(me.json().user.is_operator, true)
      const list = await t.app.inject({ url: '/api/restaurants', headers: as(operator) })
      assert.equal(list.statusCode, 200)
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/restaurants',
        headers: as(operator, { write: true }),
        payload: { name: 'Made By Operator' },
      })
      assert.equal(created.statusCode, 201, created.body)
      const forOwner = await t.app.inject({
        method: 'POST',
        url: '/api/invites',
        headers: as(owner, { write: true }),
        payload: { email: 'x@example.com', role: 'operator' },
      })
      assert.equal(forOwner.statusCode, 403)
    })

    it('drops memberships with the restaurant; an account joins another with its password', async () => {
      const other = await t.createRestaurant({ name: 'Second Place' })
      const invite = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${other.id}/invites`,
        headers: admin,
        payload: { email: 'owner@example.com', role: 'owner' },
      })
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token: invite.json().token, password: 'not my password at all' },
      })
      assert.equal(wrong.statusCode, 400)
      assert.equal(wrong.json().error.code, 'account_exists')
      const joined = await t.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token: invite.json().token, password: PASSWORD },
      })
      assert.equal(joined.statusCode, 200, joined.body)
      assert.equal(joined.json().restaurants.length, 2)
      const browser = await signInAs(t.app, 'owner@example.com')
      const calls = await t.app.inject({ url: '/api/calls', headers: as(browser) })
      assert.equal(calls.statusCode, 400, 'two restaurants: restaurant_id is needed')
      const deleted = await t.app.inject({ method: 'DELETE', url: `/api/restaurants/${other.id}`, headers: admin })
      assert.equal(deleted.statusCode, 204)
      const me = await t.app.inject({ url: '/api/auth/me', headers: as(browser) })
      assert.deepEqual(
        me.json().restaurants.map((r: any) => r.id),
        [restaurant.id],
      )
      const rows = await t.database.db.execute(
        `select count(*)::int as n from memberships where restaurant_id = '${other.id}'`,
      )
      assert.equal((rows as any).rows[0].n, 0)
    })
  })
}

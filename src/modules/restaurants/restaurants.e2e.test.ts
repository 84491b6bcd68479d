import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, loadExampleBundle, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'

const EVAL_NAMES = ['petit-bistro', 'sakura-ramen', 'nonnas-pizzeria'] as const

/** The bundle as the export should return it: defaults filled in, names normalised. */
function expectedExport(bundle: Record<string, any>) {
  const days = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
  const full = (day: string) => days.find((d) => d.startsWith(day.toLowerCase().slice(0, 3)))
  return {
    name: bundle.name,
    timezone: bundle.timezone,
    currency: bundle.currency ?? 'USD',
    phone_numbers: bundle.phone_numbers,
    menu_items: bundle.menu_items.map((item: any) => ({
      ...item,
      available: item.available ?? true,
      dietary: item.dietary ?? [],
      allergens: item.allergens ?? [],
    })),
    modifiers: bundle.modifiers,
    operating_hours: bundle.operating_hours.map((row: any) =>
      row.is_closed
        ? { day_of_week: full(row.day_of_week), is_closed: true }
        : { day_of_week: full(row.day_of_week), open_time: row.open_time, close_time: row.close_time },
    ),
    delivery_zones: bundle.delivery_zones.map((zone: any) => ({ ...zone, postal_codes: zone.postal_codes ?? [] })),
    faqs: bundle.faqs ?? [],
    special_dates: bundle.special_dates ?? [],
    settings: bundle.settings ?? {},
  }
}

for (const backend of testBackends()) {
  describe(`restaurants API on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend)
    })
    after(async () => {
      await t.close()
    })

    it('creates each evaluation restaurant and exports exactly the same data', async () => {
      for (const name of EVAL_NAMES) {
        const bundle = loadExampleBundle(name)
        const created = await t.createRestaurant(bundle)
        assert.match(created.api_key, /^rk_[A-Za-z0-9_-]{43}$/)
        assert.equal(created.phone_number, bundle.phone_numbers[0])
        const exported = await t.app.inject({
          method: 'GET',
          url: `/api/restaurants/${created.id}/export`,
          headers: admin,
        })
        assert.equal(exported.statusCode, 200)
        assert.deepEqual(exported.json(), expectedExport(bundle))
      }
    })

    it("lists restaurants with each one's own counts and phone numbers", async () => {
      const a = await t.createRestaurant({
        name: 'Listed A',
        phone_numbers: ['+16465550123'],
        menu_items: [
          { name: 'x', price: 1 },
          { name: 'y', price: 2 },
        ],
      })
      const b = await t.createRestaurant({ name: 'Listed B', modifiers: [{ name: 'z', price: 0 }] })
      const list = (await t.app.inject({ method: 'GET', url: '/api/restaurants?limit=200', headers: admin })).json()
        .data
      const find = (id: string) => list.find((r: any) => r.id === id)
      assert.deepEqual(
        [find(a.id).counts, find(a.id).phone_numbers],
        [{ menu_items: 2, modifiers: 0, operating_hours: 0, delivery_zones: 0 }, ['+16465550123']],
      )
      assert.deepEqual(
        [find(b.id).counts, find(b.id).phone_number],
        [{ menu_items: 0, modifiers: 1, operating_hours: 0, delivery_zones: 0 }, null],
      )
    })

    it('lets a restaurant key read its own data and answers 404 for another restaurant', async () => {
      const a = await t.createRestaurant({ name: 'A', timezone: 'Europe/Paris' })
      const b = await t.createRestaurant({ name: 'B' })
      const own = await t.app.inject({ method: 'GET', url: `/api/restaurants/${a.id}`, headers: bearer(a.api_key) })
      assert.equal(own.statusCode, 200)
      assert.equal(own.json().name, 'A')
      const other = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${b.id}/export`,
        headers: bearer(a.api_key),
      })
      assert.equal(other.statusCode, 404)
      assert.equal(other.json().error.code, 'not_found')
    })

    it('refuses missing and wrong credentials with 401, and the Vapi secret on operator routes', async () => {
      for (const headers of [
        {},
        bearer('nope-not-a-key'),
        vapi,
        { authorization: `Bearer ${vapi['x-vapi-secret']}` },
      ]) {
        const response = await t.app.inject({ method: 'GET', url: '/api/restaurants', headers })
        assert.equal(response.statusCode, 401, JSON.stringify(headers))
        assert.equal(response.json().error.code, 'unauthorized')
      }
    })

    it('keeps a restaurant key off operator-only routes', async () => {
      const a = await t.createRestaurant({ name: 'Solo' })
      const response = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${a.id}`,
        headers: bearer(a.api_key),
      })
      assert.equal(response.statusCode, 403)
    })

    it('rejects bad input with a 4xx naming the field, and writes nothing', async () => {
      const before = (await t.app.inject({ method: 'GET', url: '/api/restaurants?limit=200', headers: admin })).json()
        .total
      const cases: [unknown, number, RegExp][] = [
        [{ name: 'X', menu_items: [{ name: 'a', price: '12' }] }, 400, /body\.menu_items\.0\.price/],
        [{ name: 'X', menu_items: [{ name: 'a', price: -1 }] }, 400, /body\.menu_items\.0\.price/],
        [{ name: 'X', timezone: 'Mars/Olympus' }, 400, /body\.timezone/],
        [
          { name: 'X', operating_hours: [{ day_of_week: 'funday', open_time: '10:00', close_time: '11:00' }] },
          400,
          /day_of_week/,
        ],
        [
          { name: 'X', operating_hours: [{ day_of_week: 'mon', open_time: '25:00', close_time: '11:00' }] },
          400,
          /open_time/,
        ],
        [{ name: 'X', phone_numbers: ['not a phone'] }, 400, /phone_numbers\.0/],
        [{ menu_items: [] }, 400, /name/],
        [{ name: 'X', unexpected: true }, 400, /unexpected|additional/],
        [{ name: 'x'.repeat(201) }, 400, /name/],
        [
          { name: "Robert'); DROP TABLE restaurants;--", menu_items: [{ name: 'a', price: 1 }], api_key: 'short' },
          400,
          /api_key/,
        ],
      ]
      for (const [payload, status, pattern] of cases) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/restaurants',
          headers: admin,
          payload: payload as object,
        })
        assert.equal(response.statusCode, status, response.body)
        assert.match(response.json().error.message, pattern)
        assert.ok(response.json().error.request_id)
      }
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/restaurants',
        headers: { ...admin, 'content-type': 'application/json' },
        payload: '{"name":',
      })
      assert.equal(malformed.statusCode, 400)
      const huge = await t.app.inject({
        method: 'POST',
        url: '/api/restaurants',
        headers: { ...admin, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'X', pad: 'x'.repeat(2_000_000) }),
      })
      assert.equal(huge.statusCode, 413)
      const after = (await t.app.inject({ method: 'GET', url: '/api/restaurants?limit=200', headers: admin })).json()
        .total
      assert.equal(after, before)
    })

    it('answers 409 naming the number when it belongs to another restaurant, and creates nothing', async () => {
      await t.createRestaurant({ name: 'First', phone_numbers: ['+1 (646) 555-0199'] })
      const before = (await t.app.inject({ method: 'GET', url: '/api/restaurants?limit=200', headers: admin })).json()
        .total
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/restaurants',
        headers: admin,
        payload: { name: 'Second', phone_numbers: ['+16465550199'] },
      })
      assert.equal(response.statusCode, 409)
      assert.match(response.json().error.message, /\+16465550199/)
      const after = (await t.app.inject({ method: 'GET', url: '/api/restaurants?limit=200', headers: admin })).json()
        .total
      assert.equal(after, before)
    })

    it('changes one price through the item routes without resending the menu', async () => {
      const r = await t.createRestaurant({ ...loadExampleBundle('petit-bistro'), phone_numbers: [] })
      const list = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${r.id}/menu-items`,
        headers: bearer(r.api_key),
      })
      const duck = list.json().data.find((item: any) => item.name === 'Duck Confit')
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${r.id}/menu-items/${duck.id}`,
        headers: bearer(r.api_key),
        payload: { price: 31.5 },
      })
      assert.equal(patched.statusCode, 200, patched.body)
      assert.equal(patched.json().price, 31.5)
      assert.equal(patched.json().name, 'Duck Confit')
      const badPatch = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${r.id}/menu-items/${duck.id}`,
        headers: bearer(r.api_key),
        payload: { price: 'free' },
      })
      assert.equal(badPatch.statusCode, 400)
      const exported = (
        await t.app.inject({ method: 'GET', url: `/api/restaurants/${r.id}/export`, headers: admin })
      ).json()
      assert.equal(exported.menu_items.find((item: any) => item.name === 'Duck Confit').price, 31.5)
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${r.id}/menu-items/${duck.id}`,
        headers: bearer(r.api_key),
      })
      assert.equal(removed.statusCode, 204)
      const again = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${r.id}/menu-items/${duck.id}`,
        headers: bearer(r.api_key),
      })
      assert.equal(again.statusCode, 404)
    })

    it('replaces sections with PUT and keeps sections the body omits', async () => {
      const r = await t.createRestaurant({ ...loadExampleBundle('sakura-ramen'), phone_numbers: [] })
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${r.id}`,
        headers: bearer(r.api_key),
        payload: { name: 'Sakura 2', menu_items: [{ name: 'Gyoza', price: 7 }] },
      })
      assert.equal(put.statusCode, 200, put.body)
      const exported = (
        await t.app.inject({ method: 'GET', url: `/api/restaurants/${r.id}/export`, headers: admin })
      ).json()
      assert.equal(exported.name, 'Sakura 2')
      assert.deepEqual(
        exported.menu_items.map((i: any) => i.name),
        ['Gyoza'],
      )
      assert.equal(exported.modifiers.length, loadExampleBundle('sakura-ramen').modifiers.length)
    })

    it('rotates the API key: the old key stops working and the new one works', async () => {
      const r = await t.createRestaurant({ name: 'Rotating' })
      const rotated = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${r.id}/api-key/rotate`,
        headers: bearer(r.api_key),
      })
      assert.equal(rotated.statusCode, 200)
      const old = await t.app.inject({ method: 'GET', url: `/api/restaurants/${r.id}`, headers: bearer(r.api_key) })
      assert.equal(old.statusCode, 401)
      const fresh = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${r.id}`,
        headers: bearer(rotated.json().api_key),
      })
      assert.equal(fresh.statusCode, 200)
    })

    it('deletes a restaurant with its data; its key and id are gone', async () => {
      const r = await t.createRestaurant({ ...loadExampleBundle('nonnas-pizzeria'), phone_numbers: ['+13125550177'] })
      const deleted = await t.app.inject({ method: 'DELETE', url: `/api/restaurants/${r.id}`, headers: admin })
      assert.equal(deleted.statusCode, 204)
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/restaurants/${r.id}`, headers: admin })).statusCode,
        404,
      )
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/restaurants/${r.id}`, headers: bearer(r.api_key) })).statusCode,
        401,
      )
      // Its number is free again.
      await t.createRestaurant({ name: 'Next tenant', phone_numbers: ['+13125550177'] })
    })

    it('echoes X-Request-ID and answers unknown routes with the error shape', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'abc-123' } })
      assert.equal(response.statusCode, 404)
      assert.equal(response.headers['x-request-id'], 'abc-123')
      assert.deepEqual(response.json(), {
        error: { code: 'route_not_found', message: 'No route GET /api/nope', request_id: 'abc-123' },
      })
    })
  })
}

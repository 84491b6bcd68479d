import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { admin, createTestApp, loadExampleBundle, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { deliveryZones, operatingHours } from '../../infra/db/schema.ts'
import { toolCall, toolCallsMessage } from './vapi-test-utils.ts'

const BRUNCH_NUMBER = '+12125550177'

for (const backend of testBackends()) {
  describe(`hours and zones tools through the webhook on ${backend.name}`, () => {
    let t: TestApp
    let zoneRestaurantId = ''
    let duringIndexing: (() => Promise<void>) | undefined
    const ask = async (number: string, tool: string, query: string, at?: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number,
          timestamp: at ? Date.parse(at) : undefined,
          calls: [toolCall('q', tool, query)],
        }),
      })
      assert.equal(response.statusCode, 200)
      const [entry] = response.json().results
      return entry.result ?? `ERROR ${entry.error}`
    }

    before(async () => {
      t = await createTestApp(backend, {
        // Stands in for the knowledge indexer: a listener registered while the app is built.
        prepare: (deps) =>
          deps.restaurantEvents.onChanged(async ({ restaurantId }) => {
            if (restaurantId === zoneRestaurantId && duringIndexing) await duringIndexing()
          }),
      })
      for (const name of ['petit-bistro', 'sakura-ramen', 'nonnas-pizzeria'] as const)
        await t.createRestaurant(loadExampleBundle(name))
      await t.createRestaurant({
        name: 'Sunday Brunch',
        timezone: 'America/New_York',
        phone_numbers: [BRUNCH_NUMBER],
        operating_hours: [{ day_of_week: 'sun', open_time: '10:00', close_time: '15:00' }],
      })
    })
    after(async () => {
      await t.close()
    })

    it("answers open-now questions at the caller's time in each restaurant's zone", async () => {
      // The same instant, 2026-12-04 23:00 UTC: 6 PM Friday in New York, 3 PM in San Francisco, 5 PM in Chicago.
      const at = '2026-12-04T23:00:00Z'
      assert.equal(
        await ask('+12125550101', 'get_hours_info', 'are you open right now', at),
        "We're open right now until 11:30 PM.",
      )
      assert.equal(
        await ask('+14155550102', 'get_hours_info', 'are you open right now', at),
        "We're closed right now; we open again later today at 5 PM.",
      )
      assert.equal(
        await ask('+13125550103', 'get_hours_info', 'are you open right now', at),
        "We're open right now until 11 PM.",
      )
    })

    it('handles split shifts, closing after midnight and closed days', async () => {
      const sakura = '+14155550102'
      assert.equal(
        await ask(sakura, 'get_hours_info', 'are you still open', '2026-12-06T08:30:00Z'),
        "We're open right now, but we close soon, at 1 AM.",
      )
      assert.equal(
        await ask(sakura, 'get_hours_info', 'are you open on monday', '2026-12-02T20:00:00Z'),
        "On Monday we're closed; we open again on Tuesday at 11:30 AM.",
      )
      assert.equal(
        await ask(sakura, 'get_hours_info', 'lunch on tuesday?', '2026-12-02T20:00:00Z'),
        "Yes, on Tuesday we're open for lunch, from 11:30 AM to 2:30 PM. We're also open from 5 PM to 10 PM.",
      )
    })

    it('is right on the days daylight saving time starts and ends', async () => {
      assert.equal(
        await ask(BRUNCH_NUMBER, 'get_hours_info', 'are you open now', '2026-03-08T14:30:00Z'),
        "We're open right now until 3 PM.",
      )
      assert.equal(
        await ask(BRUNCH_NUMBER, 'get_hours_info', 'are you open now', '2026-11-01T14:30:00Z'),
        "We're closed right now; we open again later today at 10 AM.",
      )
    })

    it('finds zones by postcode and by name, and says no for a postcode outside them', async () => {
      const nonna = '+13125550103'
      assert.equal(
        await ask(nonna, 'get_zones_info', 'do you deliver to 60647'),
        'Yes, we deliver to 60647, in our Logan Square zone: delivery is $3, with a $20 minimum order.',
      )
      assert.equal(
        await ask(nonna, 'get_zones_info', 'is delivery free to wiker park'),
        'Yes, we deliver to Wicker Park (Free delivery over 30 dollars): delivery is free, with a $30 minimum order.',
      )
      assert.equal(
        await ask(nonna, 'get_zones_info', 'do you deliver to 60601'),
        "Sorry, we don't deliver to 60601. We deliver to Wicker Park, Logan Square and West Loop.",
      )
    })

    it('serves repeated questions from the cache until the data changes through the API', async () => {
      const created = await t.createRestaurant({
        name: 'Cache Diner',
        phone_numbers: ['+12125550160'],
        delivery_zones: [{ zone_name: 'Chelsea', delivery_fee: 5, postal_codes: ['10011'] }],
      })
      const [zone] = await t.database.db.select().from(deliveryZones).where(eq(deliveryZones.restaurantId, created.id))
      assert.equal(
        await ask('+12125550160', 'get_zones_info', 'Do you deliver to Chelsea?'),
        'Yes, we deliver to Chelsea: delivery is $5.',
      )
      // Written behind the API's back: no event, so the cached answer is still served.
      await t.database.db.update(deliveryZones).set({ deliveryFee: 6 }).where(eq(deliveryZones.id, zone!.id))
      assert.equal(
        await ask('+12125550160', 'get_zones_info', 'do you deliver to chelsea'),
        'Yes, we deliver to Chelsea: delivery is $5.',
      )
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${created.id}/delivery-zones/${zone!.id}`,
        headers: admin,
        payload: { delivery_fee: 7.5 },
      })
      assert.equal(patched.statusCode, 200)
      assert.equal(
        await ask('+12125550160', 'get_zones_info', 'do you deliver to chelsea'),
        'Yes, we deliver to Chelsea: delivery is $7.50.',
      )
    })

    it('invalidates after the listeners registered before it, so no answer cached meanwhile survives', async () => {
      const created = await t.createRestaurant({
        name: 'Race Diner',
        phone_numbers: ['+12125550161'],
        delivery_zones: [{ zone_name: 'SoHo', delivery_fee: 5 }],
      })
      const [zone] = await t.database.db.select().from(deliveryZones).where(eq(deliveryZones.restaurantId, created.id))
      zoneRestaurantId = created.id
      // The "indexer" is still working when a caller asks: the answer comes from the old derived
      // data and is cached; then the indexer writes its result.
      duringIndexing = async () => {
        assert.equal(await ask('+12125550161', 'get_zones_info', 'soho?'), 'Yes, we deliver to SoHo: delivery is $8.')
        await t.database.db.update(deliveryZones).set({ deliveryFee: 9 }).where(eq(deliveryZones.id, zone!.id))
      }
      await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${created.id}/delivery-zones/${zone!.id}`,
        headers: admin,
        payload: { delivery_fee: 8 },
      })
      duringIndexing = undefined
      assert.equal(await ask('+12125550161', 'get_zones_info', 'soho?'), 'Yes, we deliver to SoHo: delivery is $9.')
    })

    it('keys hours answers by the local minute, so a later minute is answered afresh', async () => {
      const created = await t.createRestaurant({
        name: 'Clock Cafe',
        timezone: 'UTC',
        phone_numbers: ['+12125550162'],
        operating_hours: [{ day_of_week: 'fri', open_time: '09:00', close_time: '17:00' }],
      })
      const friday = '2026-12-04T12:00:10Z'
      assert.equal(await ask('+12125550162', 'get_hours_info', 'open now?', friday), "We're open right now until 5 PM.")
      await t.database.db
        .update(operatingHours)
        .set({ closeTime: '18:00' })
        .where(eq(operatingHours.restaurantId, created.id))
      assert.equal(
        await ask('+12125550162', 'get_hours_info', 'open now?', '2026-12-04T12:00:50Z'),
        "We're open right now until 5 PM.",
      )
      assert.equal(
        await ask('+12125550162', 'get_hours_info', 'open now?', '2026-12-04T12:01:10Z'),
        "We're open right now until 6 PM.",
      )
    })

    it("lets the operator invalidate a restaurant's cached answers", async () => {
      const created = await t.createRestaurant({
        name: 'Manual Diner',
        phone_numbers: ['+12125550163'],
        delivery_zones: [{ zone_name: 'Tribeca', delivery_fee: 4 }],
      })
      assert.equal(
        await ask('+12125550163', 'get_zones_info', 'tribeca'),
        'Yes, we deliver to Tribeca: delivery is $4.',
      )
      await t.database.db
        .update(deliveryZones)
        .set({ deliveryFee: 4.25 })
        .where(eq(deliveryZones.restaurantId, created.id))
      const invalidate = (payload: unknown, headers: Record<string, string> = admin) =>
        t.app.inject({ method: 'POST', url: '/api/embeddings/cache/invalidate', headers, payload: payload as any })
      const hoursOnly = await invalidate({ restaurant_id: created.id, category: 'hours' })
      assert.deepEqual(hoursOnly.json(), {
        status: 'invalidated',
        restaurant_id: created.id,
        tools: ['get_hours_info'],
      })
      assert.equal(
        await ask('+12125550163', 'get_zones_info', 'tribeca'),
        'Yes, we deliver to Tribeca: delivery is $4.',
      )
      const zones = await invalidate({ restaurant_id: created.id, category: 'zones' })
      assert.deepEqual(zones.json(), { status: 'invalidated', restaurant_id: created.id, tools: ['get_zones_info'] })
      assert.equal(
        await ask('+12125550163', 'get_zones_info', 'tribeca'),
        'Yes, we deliver to Tribeca: delivery is $4.25.',
      )

      const everything = await invalidate({ restaurant_id: created.id })
      assert.deepEqual(everything.json().tools, [
        'get_menu_info',
        'get_modifiers_info',
        'get_hours_info',
        'get_zones_info',
        'get_restaurant_info',
      ])
      assert.equal((await invalidate({ restaurant_id: '00000000-0000-0000-0000-000000000000' })).statusCode, 404)
      assert.equal((await invalidate({ restaurant_id: created.id, category: 'wine' })).statusCode, 400)
      assert.equal((await invalidate({ restaurant_id: created.id }, vapi)).statusCode, 401)
      assert.equal(
        (await invalidate({ restaurant_id: created.id }, { authorization: `Bearer ${created.api_key}` })).statusCode,
        403,
      )
    })
  })
}

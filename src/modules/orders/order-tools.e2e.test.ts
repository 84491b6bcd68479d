import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, loadExampleBundle, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { CALLER, callOrderTool, FRIDAY_5PM, pizzeriaBundle } from './orders.test-utils.ts'

const TWO_LARGE_MARGHERITAS = {
  name: 'margherita pizza',
  quantity: 2,
  options: ['extra cheese', 'large size'],
}

for (const backend of testBackends()) {
  describe(`quote_order and place_order through the webhook on ${backend.name}`, () => {
    let t: TestApp
    let pizzeria: { id: string; api_key: string }
    let bistro: { id: string; api_key: string }
    const orders = async (key = pizzeria.api_key, query = '') => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${pizzeria.id}/orders${query}`,
        headers: bearer(key),
      })
      return response
    }

    before(async () => {
      t = await createTestApp(backend)
      const bundle = pizzeriaBundle()
      bundle.menu_items = bundle.menu_items.map((item: Record<string, unknown>) =>
        item.name === 'Cannoli' ? { ...item, available: false, available_again_at: '2026-12-05T00:30:00Z' } : item,
      )
      bundle.special_dates = [{ date: '2026-12-25', name: 'Christmas Day', is_closed: true }]
      pizzeria = await t.createRestaurant(bundle)
      // Same menu format, ordering never switched on.
      bistro = await t.createRestaurant(loadExampleBundle('petit-bistro'))
    })
    after(async () => {
      await t.close()
    })

    it('prices options, the delivery fee and tax to the cent', async () => {
      const { text, metadata } = await callOrderTool(t, {
        tool: 'quote_order',
        args: {
          items: [TWO_LARGE_MARGHERITAS, { name: 'tiramisu' }],
          fulfillment: 'delivery',
          postal_code: '60647',
        },
      })
      // (14 + 2 + 5) × 2 + 8 = 50.00; Logan Square fee 3.00; 10.25 % of 50.00 = 5.125 → 5.13.
      assert.match(
        text,
        /^2 Margherita Pizza with Extra Cheese and Large Size at \$21\.00 each, \$42\.00; 1 Tiramisu, \$8\.00\./,
      )
      assert.match(
        text,
        /Subtotal \$50\.00, delivery fee \$3\.00, tax \$5\.13, total \$58\.13; ready for delivery at 5:20 PM\./,
      )
      assert.deepEqual(
        { subtotal: metadata.subtotal, fee: metadata.delivery_fee, tax: metadata.tax, total: metadata.total },
        { subtotal: 50, fee: 3, tax: 5.13, total: 58.13 },
      )
    })

    it('hears spoken slips the way menu search does', async () => {
      const { text } = await callOrderTool(t, {
        tool: 'quote_order',
        args: {
          items: [{ name: 'the carbonara' }, { name: 'penne arabiata', options: ['grilled chicken'] }],
          fulfillment: 'pickup',
        },
      })
      // 18.00 + (15.00 + 4.50) = 37.50; tax 3.84375 → 3.84.
      assert.match(text, /1 Spaghetti Carbonara, \$18\.00; 1 Penne Arrabbiata with Add Grilled Chicken, \$19\.50\./)
      assert.match(text, /Subtotal \$37\.50, tax \$3\.84, total \$41\.34; ready for pickup at 5:20 PM\./)
    })

    it('names three real dishes that can be ordered now for one the menu lacks, closest first', async () => {
      const menu = pizzeriaBundle().menu_items.map((item: { name: string }) => item.name)
      const offered = async (tool: string, name: string) => {
        const args = { fulfillment: 'pickup', customer_name: 'Ada', items: [{ name }] }
        const { text, metadata } = await callOrderTool(t, { tool, args })
        assert.equal(metadata.reason, 'unknown_item', text)
        assert.equal(text, `Sorry, "${name}" is not on our menu. The closest we have: ${speak(metadata.closest)}.`)
        for (const dish of metadata.closest) assert.ok(menu.includes(dish), `${dish} is on the menu`)
        assert.ok(!metadata.closest.includes('Cannoli'), 'sold out until 6:30 PM, so never offered now')
        return metadata.closest as string[]
      }
      const speak = (names: string[]) => `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
      // Nothing on the menu is spelled like it: still three dishes to choose from.
      assert.equal((await offered('quote_order', 'sushi')).length, 3)
      // Closest in meaning, as the menu tool ranks: the pastas for a pasta, the other dessert.
      assert.deepEqual(
        new Set(await offered('quote_order', 'ravioli')),
        new Set(['Lasagna Bolognese', 'Penne Arrabbiata', 'Spaghetti Carbonara']),
      )
      assert.equal((await offered('quote_order', 'chocolate dessert'))[0], 'Tiramisu')
      assert.equal((await offered('place_order', 'spicy pasta'))[0], 'Penne Arrabbiata')
    })

    it('refuses each problem with its exact reason', async () => {
      const quote = (args: Record<string, unknown>, at?: string) =>
        callOrderTool(t, { tool: 'quote_order', args: { fulfillment: 'pickup', ...args }, at })
      const unknown = await quote({ items: [{ name: 'pepperoni calzone' }] })
      assert.equal(unknown.metadata.reason, 'unknown_item')
      assert.match(
        unknown.text,
        /^Sorry, "pepperoni calzone" is not on our menu\. The closest we have: Pepperoni Pizza/,
      )

      const soldOut = await quote({ items: [{ name: 'cannoli' }] })
      assert.equal(soldOut.metadata.reason, 'unavailable')
      assert.equal(soldOut.text, "Sorry, the Cannoli is not available right now. It's back at 6:30 PM.")
      // Back by itself once its time has passed.
      const later = await quote({ items: [{ name: 'cannoli' }] }, '2026-12-05T01:00:00Z')
      assert.match(later.text, /^1 Cannoli, \$7\.00\./)

      const outside = await quote({ items: [{ name: 'tiramisu' }], fulfillment: 'delivery', postal_code: '60601' })
      assert.equal(outside.metadata.reason, 'outside_zone')
      assert.match(
        outside.text,
        /^Sorry, we don't deliver to 60601\. We deliver to Wicker Park \(60622\), Logan Square/,
      )

      const small = await quote({ items: [{ name: 'tiramisu' }], fulfillment: 'delivery', postal_code: '60607' })
      assert.equal(small.metadata.reason, 'under_minimum')
      assert.equal(
        small.text,
        'The minimum order for delivery to West Loop is $35.00; this order comes to $8.00, so it needs $27.00 more.',
      )

      const morning = await quote({ items: [{ name: 'tiramisu' }] }, '2026-12-04T15:00:00Z')
      assert.equal(morning.metadata.reason, 'closed')
      assert.match(morning.text, /^We're closed right now; we open again later today at noon\./)

      const lateNight = await quote({ items: [{ name: 'tiramisu' }], pickup_time: '23:30' })
      assert.equal(lateNight.metadata.reason, 'closed')
      assert.match(
        lateNight.text,
        /^We're closed at 11:30 PM, when this order would be ready; we open again tomorrow at noon\./,
      )

      const christmas = await quote({ items: [{ name: 'tiramisu' }], pickup_time: '2026-12-25T18:00' })
      assert.equal(christmas.metadata.reason, 'closed')
      assert.match(christmas.text, /we open again on Saturday, December 26 at noon|we open again .*December 26/)

      const disabled = await callOrderTool(t, {
        tool: 'quote_order',
        number: '+12125550101',
        args: { items: [{ name: 'duck confit' }], fulfillment: 'pickup' },
      })
      assert.equal(disabled.metadata.reason, 'ordering_disabled')
      assert.equal(disabled.text, "Sorry, we don't take orders by phone at the moment.")
    })

    it('places one order per call: placing again replaces it while it is new', async () => {
      const place = (items: unknown[], callId = 'call-place-1') =>
        callOrderTool(t, {
          tool: 'place_order',
          callId,
          args: { items, fulfillment: 'pickup', customer_name: 'Ada', customer_phone: '+19999999999' },
        })
      const first = await place([TWO_LARGE_MARGHERITAS])
      assert.match(first.text, /^Order number (\d+) is placed: the total is \$46\.31, ready for pickup at 5:20 PM\.$/)
      const number = first.metadata.number
      // The same message again (Vapi retried), then a revised order: still one order, same number.
      await place([TWO_LARGE_MARGHERITAS])
      const revised = await place([{ name: 'tiramisu', quantity: 3 }])
      assert.equal(revised.text, `Order number ${number} is updated: the total is $26.46, ready for pickup at 5:20 PM.`)
      const listed = (await orders()).json().data.filter((o: any) => o.vapi_call_id === 'call-place-1')
      assert.equal(listed.length, 1)
      assert.equal(listed[0].customer_phone, CALLER, "the caller's number comes from the call, not the arguments")
      assert.equal(listed[0].customer_name, 'Ada')
      assert.deepEqual(listed[0].items, [{ name: 'Tiramisu', quantity: 3, options: [], unit_price: 8, line_total: 24 }])
      assert.deepEqual(
        [listed[0].subtotal, listed[0].delivery_fee, listed[0].tax, listed[0].total],
        [24, 0, 2.46, 26.46],
      )
      assert.equal(listed[0].pickup_time, new Date(Date.parse(FRIDAY_5PM) + 20 * 60_000).toISOString())

      // Once the kitchen has accepted it, the call cannot rewrite it.
      const accepted = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${pizzeria.id}/orders/${listed[0].id}`,
        headers: bearer(pizzeria.api_key),
        payload: { status: 'accepted' },
      })
      assert.equal(accepted.statusCode, 200)
      const tooLate = await place([{ name: 'tiramisu' }])
      assert.equal(tooLate.metadata.reason, 'already_in_progress')

      // Another call gets the next number.
      const other = await place([{ name: 'garlic knots' }], 'call-place-2')
      assert.equal(other.metadata.number, number + 1)
    })

    it('moves orders new → accepted → ready → completed, cancels open ones, and answers 409 otherwise', async () => {
      const placed = await callOrderTool(t, {
        tool: 'place_order',
        callId: 'call-status',
        args: { items: [{ name: 'tiramisu' }], fulfillment: 'pickup', customer_name: 'Bo' },
      })
      const url = `/api/restaurants/${pizzeria.id}/orders/${placed.metadata.order_id}`
      const move = (status: string) =>
        t.app.inject({ method: 'PATCH', url, headers: bearer(pizzeria.api_key), payload: { status } })
      assert.equal((await move('ready')).statusCode, 409, 'new cannot skip to ready')
      assert.equal((await move('accepted')).json().status, 'accepted')
      assert.equal((await move('new')).statusCode, 409)
      assert.equal((await move('ready')).json().status, 'ready')
      assert.equal((await move('completed')).json().status, 'completed')
      const closed = await move('cancelled')
      assert.equal(closed.statusCode, 409)
      assert.match(closed.json().error.message, /is completed and cannot become cancelled; it is closed/)
      const bad = await move('eaten')
      assert.equal(bad.statusCode, 400)

      const another = await callOrderTool(t, {
        tool: 'place_order',
        callId: 'call-cancel',
        args: { items: [{ name: 'cannoli' }], fulfillment: 'pickup', customer_name: 'Cy' },
        at: '2026-12-05T01:00:00Z',
      })
      const cancel = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${pizzeria.id}/orders/${another.metadata.order_id}`,
        headers: bearer(pizzeria.api_key),
        payload: { status: 'cancelled' },
      })
      assert.equal(cancel.json().status, 'cancelled')
      const onlyCancelled = (await orders(pizzeria.api_key, '?status=cancelled')).json().data
      assert.deepEqual(
        onlyCancelled.map((o: any) => o.id),
        [another.metadata.order_id],
      )
    })

    it("keeps each restaurant's orders to itself", async () => {
      const placed = await callOrderTool(t, {
        tool: 'place_order',
        callId: 'call-isolation',
        args: { items: [{ name: 'tiramisu' }], fulfillment: 'pickup' },
      })
      const url = `/api/restaurants/${pizzeria.id}/orders/${placed.metadata.order_id}`
      assert.equal((await t.app.inject({ method: 'GET', url, headers: bearer(pizzeria.api_key) })).statusCode, 200)
      assert.equal((await t.app.inject({ method: 'GET', url, headers: bearer(bistro.api_key) })).statusCode, 404)
      const viaOwnPath = `/api/restaurants/${bistro.id}/orders/${placed.metadata.order_id}`
      assert.equal(
        (await t.app.inject({ method: 'GET', url: viaOwnPath, headers: bearer(bistro.api_key) })).statusCode,
        404,
      )
      const patched = await t.app.inject({
        method: 'PATCH',
        url: viaOwnPath,
        headers: bearer(bistro.api_key),
        payload: { status: 'cancelled' },
      })
      assert.equal(patched.statusCode, 404)
      assert.equal((await orders(bistro.api_key)).statusCode, 404)
      const operator = await t.app.inject({ method: 'GET', url, headers: admin })
      assert.equal(operator.json().number, placed.metadata.number)
    })

    it('quotes from a cached catalog that a new price, a sold-out dish and new settings reach at once', async () => {
      const quote = async () =>
        (
          await callOrderTool(t, {
            tool: 'quote_order',
            args: { items: [{ name: 'tiramisu' }], fulfillment: 'pickup' },
          })
        ).text
      const restaurantUrl = `/api/restaurants/${pizzeria.id}`
      const items = await t.app.inject({ url: `${restaurantUrl}/menu-items`, headers: bearer(pizzeria.api_key) })
      const tiramisu = items.json().data.find((item: { name: string }) => item.name === 'Tiramisu')
      const patch = async (payload: object) => {
        const response = await t.app.inject({
          method: 'PATCH',
          url: `${restaurantUrl}/menu-items/${tiramisu.id}`,
          headers: bearer(pizzeria.api_key),
          payload,
        })
        assert.equal(response.statusCode, 200, response.body)
      }
      assert.match(await quote(), /Subtotal \$8\.00/)
      assert.match(await quote(), /Subtotal \$8\.00/, 'and again, from the cache')
      await patch({ price: 9.5 })
      assert.match(await quote(), /Subtotal \$9\.50/)
      await patch({ available: false })
      assert.match(await quote(), /Tiramisu is sold out|not available|sold out/i)
      await patch({ available: true, price: 8 })
      assert.match(await quote(), /Subtotal \$8\.00/)

      const current = await t.app.inject({ url: restaurantUrl, headers: bearer(pizzeria.api_key) })
      const { settings } = current.json()
      const off = await t.app.inject({
        method: 'PUT',
        url: restaurantUrl,
        headers: bearer(pizzeria.api_key),
        payload: { name: current.json().name, settings: { ...settings, ordering: { enabled: false } } },
      })
      assert.equal(off.statusCode, 200, off.body)
      assert.match(await quote(), /don't take orders by phone/)
      const on = await t.app.inject({
        method: 'PUT',
        url: restaurantUrl,
        headers: bearer(pizzeria.api_key),
        payload: { name: current.json().name, settings },
      })
      assert.equal(on.statusCode, 200, on.body)
      assert.match(await quote(), /Subtotal \$8\.00/)
    })
  })
}

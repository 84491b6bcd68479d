import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type FakeSquare, startFakeSquare } from '../../../../test/fakes/fake-square.ts'
import { admin, bearer, createTestApp, type TestApp, vapi } from '../../../../test/support/app.ts'
import { clockFrom } from '../../../../test/support/clock.ts'
import { testBackends } from '../../../../test/support/database.ts'
import { callOrderTool, FRIDAY_5PM, pizzeriaBundle } from '../../orders/orders.test-utils.ts'
import { toolCall, toolCallsMessage } from '../../vapi/vapi-test-utils.ts'
import { deliverWebhook, squareCatalog } from './square.test-utils.ts'

const BACKEND_URL = 'https://voice.example.test'
const WEBHOOK_URL = `${BACKEND_URL}/api/integrations/square/webhook`

/** Polls `check` until it returns a value (not undefined) or `ms` pass. */
async function eventually<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

for (const backend of testBackends()) {
  describe(`Square: connect, menu, live changes and orders on ${backend.name}`, () => {
    let t: TestApp
    let square: FakeSquare
    let pizzeria: { id: string; api_key: string }
    const owner = () => bearer(pizzeria.api_key)
    const url = (path = '') => `/api/restaurants/${pizzeria.id}/integrations${path}`
    const menu = async () =>
      (
        await t.app.inject({ method: 'GET', url: `/api/restaurants/${pizzeria.id}/menu-items`, headers: owner() })
      ).json().data as Array<{ id: string; name: string; price: number; available: boolean }>
    const ask = async (question: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number: '+13125550103',
          timestamp: Date.parse(FRIDAY_5PM),
          calls: [toolCall('q', 'get_menu_info', question)],
        }),
      })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().results[0].result as string
    }

    before(async () => {
      square = await startFakeSquare()
      square.pageSize = 25
      square.catalog.push(...squareCatalog(40))
      t = await createTestApp(backend, {
        config: {
          square: {
            applicationId: square.applicationId,
            applicationSecret: square.applicationSecret,
            baseUrl: square.url,
            webhookSignatureKey: square.signatureKey,
          },
          secretsKey: 'test-secrets-key-for-square-tokens',
          publicBackendUrl: BACKEND_URL,
        },
        overrides: { clock: clockFrom(FRIDAY_5PM) },
      })
      // One dish the owner typed in by hand: no sync may touch it.
      const bundle = pizzeriaBundle({
        menu_items: [{ name: 'Nonna Special', price: 19, category: 'House' }],
        modifiers: [],
      })
      // Who hears of a refused order (the notifier's settings).
      bundle.settings = { ...bundle.settings, notify: { email: ['kitchen@pizza.test'] } }
      pizzeria = await t.createRestaurant(bundle)
    })
    after(async () => {
      await t?.close()
      await square?.close()
    })

    it('connects with the seller own token, checked against the location, and never shows it', async () => {
      const wrong = await t.app.inject({
        method: 'PUT',
        url: url('/square'),
        headers: owner(),
        payload: { access_token: square.personalToken, location_id: 'LNOSUCHPLACE' },
      })
      assert.equal(wrong.statusCode, 400, wrong.body)
      assert.match(wrong.json().error.message, /Location not found/)
      const put = await t.app.inject({
        method: 'PUT',
        url: url('/square'),
        headers: owner(),
        payload: { access_token: square.personalToken, location_id: square.locationId },
      })
      assert.equal(put.statusCode, 200, put.body)
      const listed = await t.app.inject({ method: 'GET', url: url(), headers: owner() })
      assert.deepEqual(listed.json(), {
        square: {
          connected: true,
          merchant_id: square.merchantId,
          location_id: square.locationId,
          sync_state: 'never',
        },
      })
      // Stored sealed: neither the API nor the table holds the token in clear.
      const stored = await t.database.rawTransaction((query) => query('SELECT access_token_enc FROM pos_connections'))
      assert.equal(stored.rows.length, 1)
      assert.ok(!JSON.stringify(stored.rows).includes(square.personalToken))
      assert.ok(!put.body.includes(square.personalToken))
    })

    it('imports a 40-item catalog over several pages; a re-sync changes nothing; hand-made items stay', async () => {
      const sync = () => t.app.inject({ method: 'POST', url: url('/square/sync'), headers: owner() })
      const first = await sync()
      assert.equal(first.statusCode, 200, first.body)
      // 8 pizzas × 2 sizes + 32 other dishes; 5 modifiers in two lists.
      assert.deepEqual(first.json(), { items: 48, modifiers: 5, unchanged: 0, removed: 0, skipped: [] })
      // 49 objects in pages of 25: the SDK follows the cursor.
      assert.equal(square.requests.filter((r) => r.path === '/v2/catalog/list').length, 2, 'read every page')
      const items = await menu()
      assert.equal(items.length, 49)
      assert.ok(items.some((item) => item.name === 'Nonna Special'))
      const large = items.find((item) => item.name === 'Diavola (Large)')
      assert.equal(large?.price, 16.25)
      const again = await sync()
      assert.deepEqual(again.json(), { items: 0, modifiers: 0, unchanged: 53, removed: 0, skipped: [] })
      // A price changed and an item deleted in Square: exactly those change.
      square.catalog.find((o) => o.id === 'ITEM9')!.item_data.variations[0].item_variation_data.price_money.amount = 999
      square.catalog.splice(
        square.catalog.findIndex((o) => o.id === 'ITEM39'),
        1,
      )
      assert.deepEqual((await sync()).json(), { items: 1, modifiers: 0, unchanged: 51, removed: 1, skipped: [] })
      const after = await menu()
      assert.equal(after.find((item) => item.name === 'Penne Arrabbiata')?.price, 9.99)
      assert.ok(after.some((item) => item.name === 'Nonna Special'))
    })

    it("answers a caller's question from the imported menu", async () => {
      assert.match(await ask('how much is the diavola'), /Diavola/)
      assert.match(await ask('how much is the penne arrabbiata'), /\$9\.99/)
    })

    it('an item sold out in Square is unavailable to the next caller within 5 s', async () => {
      assert.doesNotMatch(await ask('do you have tiramisu'), /not available/)
      const started = performance.now()
      square.setSoldOut('VAR30R', true)
      const delivered = await deliverWebhook(
        t.app,
        square,
        WEBHOOK_URL,
        square.event('catalog.version.updated', {
          catalog_version: { updated_at: new Date().toISOString() },
        }),
      )
      assert.equal(delivered.statusCode, 200, delivered.body)
      await eventually(
        async () => ((await ask('do you have tiramisu')).match(/not available/) ? true : undefined),
        5_000,
      )
      const elapsed = performance.now() - started
      assert.ok(elapsed < 5_000, `took ${elapsed} ms`)
      // An inventory count at zero takes another dish off the menu the same way.
      const counted = await deliverWebhook(
        t.app,
        square,
        WEBHOOK_URL,
        square.event('inventory.count.updated', {
          inventory_counts: [
            { catalog_object_id: 'VAR31R', location_id: square.locationId, state: 'IN_STOCK', quantity: '0' },
          ],
        }),
      )
      assert.equal(counted.statusCode, 200)
      assert.match(await ask('do you have panna cotta'), /not available/)
    })

    it('an unsigned or wrongly signed webhook is refused with 401 and changes nothing', async () => {
      const before = await menu()
      square.setSoldOut('VAR32R', true)
      const event = square.event('inventory.count.updated', {
        inventory_counts: [
          { catalog_object_id: 'VAR32R', location_id: square.locationId, state: 'IN_STOCK', quantity: '0' },
        ],
      })
      const { body, headers } = square.delivery(WEBHOOK_URL, event)
      const unsigned = await t.app.inject({
        method: 'POST',
        url: '/api/integrations/square/webhook',
        headers: { 'content-type': 'application/json' },
        payload: body,
      })
      assert.equal(unsigned.statusCode, 401)
      const forged = square.delivery('https://elsewhere.example/hook', event).headers['x-square-hmacsha256-signature']
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/integrations/square/webhook',
        headers: { ...headers, 'x-square-hmacsha256-signature': forged! },
        payload: body,
      })
      assert.equal(wrong.statusCode, 401)
      const tampered = await t.app.inject({
        method: 'POST',
        url: '/api/integrations/square/webhook',
        headers,
        payload: body.replace('"0"', '"5"'),
      })
      assert.equal(tampered.statusCode, 401)
      assert.deepEqual(await menu(), before)
      square.setSoldOut('VAR32R', false)
    })

    it("a phone order reaches Square once though the first two pushes fail; Square's ready is ours", async () => {
      square.inject({ method: 'POST', path: /^\/v2\/orders$/, status: 503, body: { errors: [] } })
      square.inject({
        method: 'POST',
        path: /^\/v2\/orders$/,
        status: 429,
        body: { errors: [{ category: 'RATE_LIMIT_ERROR', code: 'RATE_LIMITED', detail: 'Slow down' }] },
      })
      const placed = await callOrderTool(t, {
        tool: 'place_order',
        callId: 'square-call-1',
        args: {
          items: [{ name: 'diavola large', quantity: 2, options: ['extra mozzarella'] }],
          fulfillment: 'pickup',
          customer_name: 'Ada',
        },
      })
      assert.match(placed.text, /^Order number \d+ is placed/, placed.text)
      const orderId = placed.metadata.order_id as string
      const orderUrl = `/api/restaurants/${pizzeria.id}/orders/${orderId}`
      const order = await eventually(async () => {
        const body = (await t.app.inject({ method: 'GET', url: orderUrl, headers: owner() })).json()
        return body.pos_order_id ? body : undefined
      })
      const posts = square.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders')
      assert.equal(posts.length, 3, 'two failures, then one creation')
      assert.ok(posts.every((r) => r.body.idempotency_key === orderId))
      assert.equal(square.orders.size, 1)
      const created = square.orders.get(order.pos_order_id)!
      assert.deepEqual(created.line_items, [
        { quantity: '2', catalog_object_id: 'VAR1L', modifiers: [{ catalog_object_id: 'MLTOPM0' }] },
      ])
      assert.equal(created.fulfillments[0].type, 'PICKUP')
      assert.equal(created.fulfillments[0].pickup_details.recipient.display_name, 'Ada')
      assert.equal(created.fulfillments[0].pickup_details.recipient.phone_number, '+13125559876')

      square.setFulfillmentState(order.pos_order_id, 'PREPARED')
      const ready = await deliverWebhook(
        t.app,
        square,
        WEBHOOK_URL,
        square.event(
          'order.fulfillment.updated',
          {
            order_fulfillment_updated: {
              order_id: order.pos_order_id,
              location_id: square.locationId,
              state: 'OPEN',
              fulfillment_update: [{ fulfillment_uid: 'f1', old_state: 'PROPOSED', new_state: 'PREPARED' }],
            },
          },
          order.pos_order_id,
        ),
      )
      assert.equal(ready.statusCode, 200, ready.body)
      assert.equal((await t.app.inject({ method: 'GET', url: orderUrl, headers: owner() })).json().status, 'ready')
    })

    it('an order Square refuses (an item deleted since the sync) shows the reason and is not retried', async () => {
      square.catalog.splice(
        square.catalog.findIndex((o) => o.id === 'ITEM2'),
        1,
      )
      const placed = await callOrderTool(t, {
        tool: 'place_order',
        callId: 'square-call-2',
        args: { items: [{ name: 'quattro formaggi small' }], fulfillment: 'pickup', customer_name: 'Bo' },
      })
      const orderUrl = `/api/restaurants/${pizzeria.id}/orders/${placed.metadata.order_id}`
      const order = await eventually(async () => {
        const body = (await t.app.inject({ method: 'GET', url: orderUrl, headers: owner() })).json()
        return body.pos_error ? body : undefined
      })
      assert.match(
        order.pos_error,
        /Square refused this order: Item variation with catalog object ID `VAR2S` not found/,
      )
      // The restaurant is told once the refusal is recorded, in a write of its own: wait for it.
      const told = await eventually(async () => {
        const notices = await t.database.rawTransaction((query) =>
          query('SELECT recipient, subject, body FROM restaurant_notifications WHERE restaurant_id = $1', [
            pizzeria.id,
          ]),
        )
        return notices.rows.length > 0 ? notices : undefined
      })
      assert.deepEqual(
        told.rows.map((row) => [row.recipient, row.subject]),
        [['kitchen@pizza.test', `Order ${placed.metadata.number} is not in Square`]],
      )
      assert.match(String(told.rows[0]!.body), /VAR2S/)
      const attempts = () => square.requests.filter((r) => r.body?.idempotency_key === placed.metadata.order_id).length
      const seen = attempts()
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      assert.equal(attempts(), seen)
    })

    it('OAuth: the signed-in owner connects, the state is single use, disconnecting revokes', async () => {
      const { inviteAndAccept, as } = await import('../../accounts/accounts.test-utils.ts')
      const browser = await inviteAndAccept(t.app, {
        inviter: admin,
        restaurantId: pizzeria.id,
        email: 'owner@pizza.test',
        role: 'owner',
      })
      const byKey = await t.app.inject({ method: 'POST', url: url('/square/connect'), headers: owner() })
      assert.equal(byKey.statusCode, 400, 'a key is no person')
      const connect = await t.app.inject({
        method: 'POST',
        url: url('/square/connect'),
        headers: as(browser, { write: true }),
      })
      assert.equal(connect.statusCode, 200, connect.body)
      const authorize = new URL(connect.json().authorize_url)
      assert.equal(authorize.origin + authorize.pathname, `${square.url}/oauth2/authorize`)
      assert.equal(authorize.searchParams.get('redirect_uri'), `${BACKEND_URL}/api/integrations/square/callback`)
      const state = authorize.searchParams.get('state')!
      const callback = (code: string) =>
        t.app.inject({
          method: 'GET',
          url: `/api/integrations/square/callback?code=${code}&state=${state}`,
          headers: { cookie: browser.cookie },
        })
      const back = await callback(square.approve())
      assert.equal(back.statusCode, 302, back.body)
      assert.equal(back.headers.location, `/r/${pizzeria.id}/settings?square=connected`)
      assert.equal((await callback(square.approve())).statusCode, 400, 'a state is spent once')
      const removed = await t.app.inject({ method: 'DELETE', url: url('/square'), headers: owner() })
      assert.equal(removed.statusCode, 204)
      const revoke = square.requests.find((r) => r.path === '/oauth2/revoke')
      assert.equal(revoke?.headers.authorization, `Client ${square.applicationSecret}`)
      assert.deepEqual((await t.app.inject({ method: 'GET', url: url(), headers: owner() })).json(), {
        square: { connected: false, sync_state: 'never' },
      })
    })
  })
}

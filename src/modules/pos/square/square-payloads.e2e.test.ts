import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Square, serialization } from 'square'
import { type FakeSquare, startFakeSquare } from '../../../../test/fakes/fake-square.ts'
import { bearer, createTestApp, type TestApp } from '../../../../test/support/app.ts'
import { testBackends } from '../../../../test/support/database.ts'
import { pizzeriaBundle } from '../../orders/orders.test-utils.ts'
import { squareOrderRequest } from './square-orders.ts'

// What we send Square and what we read from it, held to the official SDK's own schemas: the
// request body the fake received (snake_case, as on the wire) must parse as Square's
// CreateOrderRequest with no unknown field, and the webhook events the fake signs must parse as
// Square's event types. Compile time does the rest: squareOrderRequest returns Square's type.

const strict = { unrecognizedObjectKeys: 'fail', allowUnrecognizedEnumValues: false } as const

describe('our Square payloads against the square SDK types', () => {
  it('an order with catalog ids, an ad hoc line, pickup and delivery parses as CreateOrderRequest', () => {
    const base = {
      id: '8b0f3c1e-1111-4a4a-9c9c-0123456789ab',
      number: 104,
      lines: [
        {
          name: 'Diavola (Large)',
          quantity: 2,
          options: ['Extra Mozzarella'],
          unit_price_cents: 1825,
          line_total_cents: 3650,
          notes: 'well done',
          externalId: 'VAR1L',
          modifiers: [{ name: 'Extra Mozzarella', externalId: 'MLTOPM0' }],
        },
        {
          name: 'Nonna Special',
          quantity: 1,
          options: [],
          unit_price_cents: 1900,
          line_total_cents: 1900,
          externalId: null,
          modifiers: [],
        },
      ],
      customerName: 'Ada',
      customerPhone: '+13125559876',
      postalCode: '60647',
      deliveryAddress: '1 Main St',
      pickupTime: new Date('2026-12-04T23:20:00Z'),
      notes: 'ring twice',
      currency: 'USD',
    }
    for (const fulfillment of ['pickup', 'delivery'] as const) {
      const request: Square.CreateOrderRequest = squareOrderRequest('LFAKELOCATION1', { ...base, fulfillment })
      const wire = serialization.CreateOrderRequest.jsonOrThrow(request, strict)
      const parsed = serialization.CreateOrderRequest.parse(wire, strict)
      assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors))
      assert.equal((wire as any).idempotency_key, base.id)
    }
  })
})

for (const backend of testBackends()) {
  describe(`a Square catalog with unknown types and missing prices on ${backend.name}`, () => {
    let t: TestApp
    let square: FakeSquare
    let restaurant: { id: string; api_key: string }
    before(async () => {
      square = await startFakeSquare()
      t = await createTestApp(backend, {
        config: { square: { baseUrl: square.url }, secretsKey: 'test-secrets-key-for-square-tokens' },
      })
      restaurant = await t.createRestaurant(pizzeriaBundle({ menu_items: [], modifiers: [] }))
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${restaurant.id}/integrations/square`,
        headers: bearer(restaurant.api_key),
        payload: { access_token: square.personalToken, location_id: square.locationId },
      })
      assert.equal(put.statusCode, 200, put.body)
    })
    after(async () => {
      await t?.close()
      await square?.close()
    })

    it('imports what it can and reports the rest', async () => {
      const price = (cents: number) => ({ amount: cents, currency: 'USD' })
      square.catalog.push(
        { type: 'CATEGORY', id: 'C1', category_data: { name: 'Pizza' } },
        {
          type: 'ITEM',
          id: 'I1',
          item_data: {
            name: 'Margherita',
            categories: [{ id: 'C1' }],
            variations: [
              {
                type: 'ITEM_VARIATION',
                id: 'V1',
                item_variation_data: {
                  item_id: 'I1',
                  name: 'Regular',
                  pricing_type: 'FIXED_PRICING',
                  price_money: price(1200),
                },
              },
            ],
          },
        },
        {
          type: 'ITEM',
          id: 'I2',
          item_data: {
            name: 'Market Fish',
            variations: [
              {
                type: 'ITEM_VARIATION',
                id: 'V2',
                item_variation_data: { item_id: 'I2', name: 'Regular', pricing_type: 'VARIABLE_PRICING' },
              },
            ],
          },
        },
        { type: 'HOLOGRAM_MENU', id: 'H1', hologram_menu_data: { glow: true } },
        {
          type: 'MODIFIER_LIST',
          id: 'ML',
          modifier_list_data: {
            name: 'Extras',
            modifiers: [{ type: 'MODIFIER', id: 'M1', modifier_data: { name: 'Basil' } }],
          },
        },
      )
      const sync = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${restaurant.id}/integrations/square/sync`,
        headers: bearer(restaurant.api_key),
      })
      assert.equal(sync.statusCode, 200, sync.body)
      assert.deepEqual(sync.json(), {
        items: 1,
        modifiers: 1,
        unchanged: 0,
        removed: 0,
        skipped: [
          { id: 'H1', type: 'HOLOGRAM_MENU', reason: 'object type HOLOGRAM_MENU is not imported' },
          { id: 'V2', type: 'ITEM_VARIATION', reason: 'Market Fish has no fixed price' },
        ],
      })
      const status = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${restaurant.id}/integrations`,
        headers: bearer(restaurant.api_key),
      })
      assert.equal(status.json().square.sync_state, 'synced')
      assert.equal(status.json().square.last_error, '2 catalog objects not imported')
    })

    it('the webhook events the fake signs are Square event types', () => {
      const events: Array<
        [string, { parse: (raw: unknown, opts?: object) => { ok: boolean } }, Record<string, unknown>]
      > = [
        [
          'catalog.version.updated',
          serialization.CatalogVersionUpdatedEvent,
          { catalog_version: { updated_at: '2026-12-04T23:00:00Z' } },
        ],
        [
          'inventory.count.updated',
          serialization.InventoryCountUpdatedEvent,
          {
            inventory_counts: [
              { catalog_object_id: 'V1', location_id: square.locationId, state: 'IN_STOCK', quantity: '0' },
            ],
          },
        ],
        [
          'order.fulfillment.updated',
          serialization.OrderFulfillmentUpdatedEvent,
          {
            order_fulfillment_updated: {
              order_id: 'o1',
              state: 'OPEN',
              fulfillment_update: [{ fulfillment_uid: 'f', new_state: 'PREPARED' }],
            },
          },
        ],
      ]
      for (const [type, schema, object] of events) {
        const parsed = schema.parse(
          JSON.parse(
            square.delivery(
              'https://x.test/hook',
              square.event(type, object, type.startsWith('order.') ? 'o1' : undefined),
            ).body,
          ),
          strict,
        )
        assert.ok(parsed.ok, `${type}: ${JSON.stringify(parsed)}`)
      }
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { CALLER, callOrderTool, pizzeriaBundle } from './orders.test-utils.ts'

// After the order, over the webhook: notes and allergies read back and shown first, then
// order_status and cancel_order for the caller's own orders, found by the number they call from.
// Clock: every message is Friday 2026-12-04 at 5 PM in Chicago (Nonna's is open 12–11 PM).

const OTHER_CALLER = '+13125550111'
const ORDER = {
  items: [{ name: 'tiramisu', quantity: 2 }],
  fulfillment: 'pickup',
  customer_name: 'Ada',
  notes: 'ring the bell, no cutlery',
  allergies: 'peanuts; one guest is coeliac',
}

for (const backend of testBackends()) {
  describe(`order status, cancelling, notes and allergies on ${backend.name}`, () => {
    let t: TestApp
    let pizzeria: { id: string; api_key: string }
    const orderApi = (orderId: string) =>
      t.app.inject({ url: `/api/restaurants/${pizzeria.id}/orders/${orderId}`, headers: bearer(pizzeria.api_key) })

    before(async () => {
      t = await createTestApp(backend)
      pizzeria = await t.createRestaurant(pizzeriaBundle())
    })
    after(async () => t.close())

    it('reads allergies and notes back first in the quote, and shows them first on the order', async () => {
      const quote = await callOrderTool(t, { tool: 'quote_order', callId: 'notes-call', args: ORDER })
      assert.match(
        quote.text,
        /^Allergies: peanuts; one guest is coeliac\. Order notes: ring the bell, no cutlery\. 2 Tiramisu at/,
      )
      const placed = await callOrderTool(t, { tool: 'place_order', callId: 'notes-call', args: ORDER })
      const order = (await orderApi(placed.metadata.order_id)).json()
      assert.deepEqual(Object.keys(order).slice(0, 3), ['allergies', 'notes', 'id'])
      assert.equal(order.allergies, ORDER.allergies)
      assert.equal(order.notes, ORDER.notes)
      const events = await t.app.inject({ url: `/api/restaurants/${pizzeria.id}/events?limit=200`, headers: admin })
      const created = events.json().data.find((e: any) => e.type === 'order.created' && e.data.id === order.id)
      // Events are stored as jsonb, which keeps no key order: they are at the top of the data, not in a line.
      assert.equal(created.data.allergies, ORDER.allergies)
      assert.equal(created.data.notes, ORDER.notes)
    })

    it("tells the caller their latest order's status by the number they call from, and nobody else's", async () => {
      const status = await callOrderTool(t, { tool: 'order_status', callId: 'status-call', args: {} })
      assert.equal(
        status.text,
        'Order 101 is received and waiting for the kitchen to accept it, for pickup at 5:20 PM; total $17.64, ' +
          'to pay at pickup.',
      )
      // Arguments naming another order or number are not read: the caller's number decides.
      const stranger = await callOrderTool(t, {
        tool: 'order_status',
        callId: 'stranger-call',
        caller: OTHER_CALLER,
        args: { order_number: 101, phone: CALLER },
      })
      assert.match(stranger.text, /^I don't see a recent order from the number you're calling from/)
      const elsewhere = await t.createRestaurant({
        ...pizzeriaBundle(),
        name: 'Elsewhere',
        phone_numbers: ['+13125550177'],
      })
      assert.ok(elsewhere.id)
      const otherRestaurant = await callOrderTool(t, {
        tool: 'order_status',
        callId: 'elsewhere-call',
        number: '+13125550177',
        args: {},
      })
      assert.equal(otherRestaurant.metadata.outcome, 'none')
    })

    it("cancels the caller's order while new, never another caller's", async () => {
      const stranger = await callOrderTool(t, {
        tool: 'cancel_order',
        callId: 'stranger-cancel',
        caller: OTHER_CALLER,
        args: {},
      })
      assert.equal(stranger.metadata.outcome, 'none')
      const placed = await callOrderTool(t, { tool: 'place_order', callId: 'cancel-call', args: ORDER })
      const cancelled = await callOrderTool(t, { tool: 'cancel_order', callId: 'cancel-call-2', args: {} })
      assert.equal(cancelled.text, `Order ${placed.metadata.number} is cancelled; the kitchen won't make it.`)
      assert.equal((await orderApi(placed.metadata.order_id)).json().status, 'cancelled')
      const events = await t.app.inject({ url: `/api/restaurants/${pizzeria.id}/events?limit=200`, headers: admin })
      const updated = events
        .json()
        .data.find((e: any) => e.type === 'order.updated' && e.data.id === placed.metadata.order_id)
      assert.equal(updated?.data.status, 'cancelled')
    })

    it("links a complaint the caller leaves as a message to their latest order, and nobody else's", async () => {
      const placed = await callOrderTool(t, { tool: 'place_order', callId: 'salad-call', args: ORDER })
      const complaint = { name: 'Ada', reason: 'you forgot the salad' }
      const taken = await callOrderTool(t, { tool: 'take_message', callId: 'salad-call-2', args: complaint })
      const stranger = await callOrderTool(t, {
        tool: 'take_message',
        callId: 'salad-stranger',
        caller: OTHER_CALLER,
        args: { name: 'Bob', reason: 'you forgot my salad too' },
      })
      const listed = await t.app.inject({
        url: `/api/restaurants/${pizzeria.id}/messages`,
        headers: bearer(pizzeria.api_key),
      })
      assert.equal(listed.statusCode, 200, listed.body)
      const byId = (id: string) => listed.json().data.find((m: { id: string }) => m.id === id)
      assert.equal(byId(taken.metadata.message_id).order_id, placed.metadata.order_id)
      assert.equal(byId(stranger.metadata.message_id).order_id, null)
      // The staff see which order it is about, by the number they know, and where it is now.
      assert.deepEqual(byId(taken.metadata.message_id).order, { number: placed.metadata.number, status: 'new' })
      assert.equal(byId(stranger.metadata.message_id).order, null)
    })

    it('refuses to cancel once the kitchen accepted it, says why and offers a person', async () => {
      const placed = await callOrderTool(t, { tool: 'place_order', callId: 'accepted-call', args: ORDER })
      const accepted = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${pizzeria.id}/orders/${placed.metadata.order_id}`,
        headers: bearer(pizzeria.api_key),
        payload: { status: 'accepted' },
      })
      assert.equal(accepted.statusCode, 200, accepted.body)
      const refused = await callOrderTool(t, { tool: 'cancel_order', callId: 'accepted-call-2', args: {} })
      assert.equal(
        refused.text,
        `Order ${placed.metadata.number} is already being prepared, so it can't be cancelled by phone any more. ` +
          'Say so and offer to transfer the caller to the restaurant (transfer_call), or to take a message.',
      )
      assert.equal(refused.metadata.reason, 'not_cancellable')
      assert.equal((await orderApi(placed.metadata.order_id)).json().status, 'accepted')
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type FakeTwilio, startFakeTwilio } from '../../../test/fakes/fake-twilio.ts'
import { bearer, createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { TRANSFER_FALLBACK_MESSAGE, WARM_TRANSFER_PLAN } from '../transfer/transfer.usecases.ts'
import {
  CALLER,
  callOrderTool,
  FRIDAY_5PM,
  ORDER_SETTINGS,
  PIZZERIA_NUMBER,
  pizzeriaBundle,
} from './orders.test-utils.ts'

async function waitFor<T>(read: () => T | undefined, what: string, ms = 5_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = read()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

for (const backend of testBackends()) {
  describe(`order confirmations by SMS and transfers to a person on ${backend.name}`, () => {
    let t: TestApp
    let twilio: FakeTwilio
    let pizzeria: { id: string; api_key: string }

    before(async () => {
      twilio = await startFakeTwilio()
      t = await createTestApp(backend, {
        config: {
          twilioAccountSid: twilio.accountSid,
          twilioAuthToken: twilio.authToken,
          twilioApiBaseUrl: twilio.url,
        },
      })
      pizzeria = await t.createRestaurant(pizzeriaBundle({ settings: { ...ORDER_SETTINGS, sms_confirmations: true } }))
    })
    after(async () => {
      await t.close()
      await twilio.close()
    })

    const place = (callId: string) =>
      callOrderTool(t, {
        tool: 'place_order',
        callId,
        args: { items: [{ name: 'tiramisu', quantity: 2 }], fulfillment: 'pickup', customer_name: 'Ada' },
      })

    it("texts the caller their order from the restaurant's number through Twilio's Messages API", async () => {
      const placed = await place('sms-call-1')
      const sms = await waitFor(() => twilio.messages.at(-1), 'the confirmation SMS')
      assert.equal(sms.to, CALLER)
      assert.equal(sms.from, PIZZERIA_NUMBER)
      assert.equal(
        sms.body,
        `Nonna's Pizzeria: order ${placed.metadata.number} confirmed. 2 Tiramisu at $8.00 each, $16.00. ` +
          'Total $17.64, ready for pickup at 5:20 PM.',
      )
    })

    it('still places the order when Twilio refuses or is down, and the order stays as placed', async () => {
      const sent = twilio.messages.length
      twilio.inject({ method: 'POST', path: /Messages\.json$/, status: 500, body: { code: 20500, message: 'down' } })
      const placed = await place('sms-call-2')
      assert.match(placed.text, /^Order number \d+ is placed: the total is \$17\.64/)
      await waitFor(
        () => (twilio.requests.some((r) => r.reply?.status === 500) ? true : undefined),
        'the refused SMS request',
      )
      assert.equal(twilio.messages.length, sent)
      const order = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${pizzeria.id}/orders/${placed.metadata.order_id}`,
        headers: bearer(pizzeria.api_key),
      })
      assert.equal(order.json().status, 'new')
    })

    it('sends nothing when the restaurant has sms_confirmations off', async () => {
      await t.createRestaurant({
        ...pizzeriaBundle(),
        name: 'Quiet Pizzeria',
        phone_numbers: ['+13125550177'],
      })
      const sent = twilio.requests.length
      const placed = await callOrderTool(t, {
        tool: 'place_order',
        number: '+13125550177',
        callId: 'sms-off',
        args: { items: [{ name: 'tiramisu' }], fulfillment: 'pickup' },
      })
      assert.match(placed.text, /^Order number 101 is placed/)
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.equal(twilio.requests.length, sent)
    })

    const transferRequest = (at: string, number = PIZZERIA_NUMBER) =>
      t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: {
          message: {
            type: 'transfer-destination-request',
            timestamp: Date.parse(at),
            call: { id: 'transfer-call', type: 'inboundPhoneCall', customer: { number: CALLER } },
            phoneNumber: { provider: 'twilio', number },
            customer: { number: CALLER },
          },
        },
      })

    it("answers Vapi's transfer-destination-request with a warm transfer to the number while open", async () => {
      const response = await transferRequest(FRIDAY_5PM)
      assert.equal(response.statusCode, 200)
      const body = response.json()
      assert.deepEqual(body, {
        destination: {
          type: 'number',
          number: ORDER_SETTINGS.transfer_number,
          message: "Connecting you with someone at Nonna's Pizzeria; one moment, please.",
          transferPlan: WARM_TRANSFER_PLAN,
        },
      })
      // The staff hear a summary first; a failed transfer keeps the assistant on the line offering a message.
      assert.equal(body.destination.transferPlan.summaryPlan.enabled, true)
      assert.deepEqual(body.destination.transferPlan.fallbackPlan, {
        message: TRANSFER_FALLBACK_MESSAGE,
        endCallEnabled: false,
      })
      assert.match(TRANSFER_FALLBACK_MESSAGE, /take a message/)
    })

    it('answers with an error saying when it opens while closed, and when there is nobody to transfer to', async () => {
      const closed = await transferRequest('2026-12-04T15:00:00Z')
      assert.deepEqual(closed.json(), {
        error:
          "We're closed right now; we open again later today at noon. Nobody is there to take the call until then. " +
          'I can take a message for them instead.',
      })
      const unknown = await transferRequest(FRIDAY_5PM, '+19995550000')
      assert.match(unknown.json().error, /isn't connected to a restaurant/)
    })
  })
}

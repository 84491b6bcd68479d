import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FakeSmtp } from '../../../test/fakes/fake-smtp.ts'
import type { FakeTwilio } from '../../../test/fakes/fake-twilio.ts'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { clockFrom } from '../../../test/support/clock.ts'
import { testBackends } from '../../../test/support/database.ts'
import { as, type Browser, inviteAndAccept } from '../accounts/accounts.test-utils.ts'
import { startNotifyFakes, waitFor } from '../notify/notify.test-utils.ts'
import { CALLER, callOrderTool, FRIDAY_5PM, ORDER_SETTINGS, pizzeriaBundle } from '../orders/orders.test-utils.ts'

// The clock stands at Friday 2026-12-04, 5 PM in Chicago (Nonna's is open); messages take the call's time.
const NOTIFY = { sms: ['+13125550142'], email: ['manager@nonnas.example'] }
const SETTINGS = { ...ORDER_SETTINGS, reservations: { enabled: true, max_party_size: 8 }, notify: NOTIFY }

for (const backend of testBackends()) {
  describe(`messages and event requests left by callers on ${backend.name}`, () => {
    let t: TestApp
    let twilio: FakeTwilio
    let smtp: FakeSmtp
    let fakes: Awaited<ReturnType<typeof startNotifyFakes>>
    let pizzeria: { id: string; api_key: string }
    let owner: Browser
    let staff: Browser
    let otherOwner: Browser
    let otherId: string

    before(async () => {
      fakes = await startNotifyFakes()
      ;({ twilio, smtp } = fakes)
      t = await createTestApp(backend, {
        config: fakes.config,
        overrides: { clock: clockFrom(FRIDAY_5PM) },
      })
      pizzeria = await t.createRestaurant(pizzeriaBundle({ settings: SETTINGS }))
      const other = await t.createRestaurant({
        ...pizzeriaBundle(),
        name: 'Other Place',
        phone_numbers: ['+13125550188'],
      })
      owner = await inviteAndAccept(t.app, {
        inviter: admin,
        restaurantId: pizzeria.id,
        email: 'owner@nonnas.example',
        role: 'owner',
      })
      staff = await inviteAndAccept(t.app, {
        inviter: as(owner, { write: true }),
        restaurantId: pizzeria.id,
        email: 'staff@nonnas.example',
        role: 'staff',
      })
      otherId = other.id
      otherOwner = await inviteAndAccept(t.app, {
        inviter: admin,
        restaurantId: other.id,
        email: 'owner@other.example',
        role: 'owner',
      })
    })
    after(async () => {
      await t.close()
      await fakes.close()
    })

    const list = async (headers: Record<string, string>, query = '') => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${pizzeria.id}/messages${query}`,
        headers,
      })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().data as Array<Record<string, any>>
    }

    it("takes a message with the caller's number, reads it back, tells the restaurant by SMS and e-mail", async () => {
      const answer = await callOrderTool(t, {
        tool: 'take_message',
        callId: 'message-call-1',
        args: { name: 'Ada', reason: 'I left my umbrella at table 4 last night' },
      })
      assert.equal(
        answer.text,
        "Your message is with the staff; they will call Ada back on the number you're calling from, " +
          'three one two, five five five, nine eight seven six. Read the number back to the caller to confirm.',
      )
      assert.equal(answer.metadata.outcome, 'taken')
      const [message] = await list(as(owner))
      assert.deepEqual(
        { ...message, id: undefined, created_at: undefined },
        {
          id: undefined,
          kind: 'message',
          name: 'Ada',
          callback_number: CALLER,
          reason: 'I left my umbrella at table 4 last night',
          status: 'open',
          vapi_call_id: 'message-call-1',
          call_id: null,
          order_id: null,
          order: null,
          created_at: undefined,
        },
      )
      assert.equal(message!.created_at, new Date(FRIDAY_5PM).toISOString())
      const mail = await smtp.waitForMail('manager@nonnas.example', { subject: /Message from Ada/ })
      assert.match(mail.text, /I left my umbrella at table 4 last night\. call back: \+13125559876/)
      const sms = await waitFor(() => twilio.messages.find((m) => m.body.includes('umbrella')), 'the SMS')
      assert.equal(sms.to, '+13125550142')
      assert.match(sms.body, /^Message from Ada: I left my umbrella/)
    })

    it('normalises a callback number spoken with slips, reads it back in groups; said again, corrects it', async () => {
      const first = await callOrderTool(t, {
        tool: 'take_message',
        callId: 'message-call-2',
        args: {
          name: 'Ben',
          reason: 'Call about a gift card',
          callback_number: 'seven seven three, uh, seven seven three, five five five, oh one double two',
        },
      })
      assert.match(
        first.text,
        /call Ben back on seven seven three, five five five, zero one two two\. Read the number back/,
      )
      const again = await callOrderTool(t, {
        tool: 'take_message',
        callId: 'message-call-2',
        args: { name: 'Ben', reason: 'Call about a gift card', callback_number: '773 555 0123' },
      })
      assert.match(again.text, /^I corrected the message; .*zero one two three\./)
      const bens = (await list(as(staff))).filter((m) => m.name === 'Ben')
      assert.deepEqual(
        bens.map((m) => m.callback_number),
        ['+17735550123'],
      )
      const incomplete = await callOrderTool(t, {
        tool: 'take_message',
        callId: 'message-call-3',
        args: { name: 'Cy', reason: 'Lost keys', callback_number: 'five five five, two one two' },
      })
      assert.match(
        incomplete.text,
        /not complete: I heard 6 digits, 5 5 5 2 1 2\. Ask the caller to say the whole number again/,
      )
      assert.equal((await list(as(owner))).filter((m) => m.name === 'Cy').length, 0)
    })

    it('offers request_event for a party of 30, and takes the large party request', async () => {
      const booking = await callOrderTool(t, {
        tool: 'book_table',
        callId: 'party-call',
        args: { party_size: 30, date: '2026-12-12', time: '19:00', name: 'Dee' },
      })
      assert.match(booking.text, /at most 8 people by phone, but I can pass a request for 30 people to the staff/)
      assert.match(booking.text, /request_event with kind large_party/)
      const requested = await callOrderTool(t, {
        tool: 'request_event',
        callId: 'party-call',
        args: { kind: 'large_party', name: 'Dee', date: '2026-12-12', party_size: 30, notes: '7 PM, a birthday' },
      })
      assert.match(
        requested.text,
        /^The large party request \(30 people, Saturday, December 12\) is with the staff; they will call Dee back/,
      )
      const [dee] = (await list(bearer(pizzeria.api_key))).filter((m) => m.name === 'Dee')
      assert.deepEqual(
        { kind: dee!.kind, date: dee!.date, party_size: dee!.party_size, notes: dee!.notes },
        { kind: 'large_party', date: '2026-12-12', party_size: 30, notes: '7 PM, a birthday' },
      )
      await smtp.waitForMail('manager@nonnas.example', { subject: /Large party request from Dee/ })
    })

    it('takes a catering request with a spoken e-mail, read back, and tells the restaurant', async () => {
      const answer = await callOrderTool(t, {
        tool: 'request_event',
        callId: 'catering-call',
        args: {
          kind: 'catering',
          name: 'Grace',
          date: '2026-12-18',
          party_size: '40',
          email: 'grace dot hopper at navy dot example dot com',
          notes: 'office lunch, 10 vegetarian',
        },
      })
      assert.equal(
        answer.text,
        'The catering request (40 people, Friday, December 18) is with the staff; they will call Grace back on ' +
          "the number you're calling from, three one two, five five five, nine eight seven six, and write to " +
          'grace dot hopper, at, navy dot example dot com. ' +
          'Read the number and the e-mail back to the caller to confirm.',
      )
      const mail = await smtp.waitForMail('manager@nonnas.example', { subject: /Catering request from Grace/ })
      assert.match(
        mail.text,
        /40 people\. date: 2026-12-18\. notes: office lunch, 10 vegetarian\. call back: \+13125559876\. /,
      )
      assert.match(mail.text, /e-mail: grace\.hopper@navy\.example\.com/)
      await waitFor(() => twilio.messages.find((m) => m.body.startsWith('Catering request from Grace')), 'the SMS')
      const bad = await callOrderTool(t, {
        tool: 'request_event',
        callId: 'catering-2',
        args: { kind: 'wedding', name: 'Hal' },
      })
      assert.match(bad.text, /kind must be large_party, catering or private_event/)
    })

    it('lists newest first, filters by status, and staff mark one done and reopen it', async () => {
      const all = await list(as(staff))
      const times = all.map((m) => m.created_at)
      assert.deepEqual([...times].sort().reverse(), times)
      const ada = all.find((m) => m.name === 'Ada')!
      const done = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${pizzeria.id}/messages/${ada.id}`,
        headers: as(staff, { write: true }),
        payload: { status: 'done' },
      })
      assert.equal(done.statusCode, 200, done.body)
      assert.equal(done.json().status, 'done')
      assert.deepEqual(
        (await list(as(staff), '?status=done')).map((m) => m.name),
        ['Ada'],
      )
      assert.ok(!(await list(as(staff), '?status=open')).some((m) => m.name === 'Ada'))
      const withoutCsrf = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${pizzeria.id}/messages/${ada.id}`,
        headers: as(staff),
        payload: { status: 'open' },
      })
      assert.equal(withoutCsrf.statusCode, 403)
      for (const [payload, query] of [
        [{ status: 'archived' }, ''],
        [{}, ''],
      ] as const) {
        const response = await t.app.inject({
          method: 'PATCH',
          url: `/api/restaurants/${pizzeria.id}/messages/${ada.id}${query}`,
          headers: as(staff, { write: true }),
          payload,
        })
        assert.equal(response.statusCode, 400, response.body)
      }
      const badFilter = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${pizzeria.id}/messages?status=closed`,
        headers: as(owner),
      })
      assert.equal(badFilter.statusCode, 400)
      const reopened = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${pizzeria.id}/messages/${ada.id}`,
        headers: as(owner, { write: true }),
        payload: { status: 'open' },
      })
      assert.equal(reopened.json().status, 'open')
    })

    it("keeps another restaurant's owner out of the list and the messages", async () => {
      const [one] = await list(as(owner))
      const listing = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${pizzeria.id}/messages`,
        headers: as(otherOwner),
      })
      assert.ok([403, 404].includes(listing.statusCode), listing.body)
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${pizzeria.id}/messages/${one!.id}`,
        headers: as(otherOwner, { write: true }),
        payload: { status: 'done' },
      })
      assert.ok([403, 404].includes(patch.statusCode), patch.body)
      const ownList = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${otherId}/messages`,
        headers: as(otherOwner),
      })
      assert.deepEqual(ownList.json().data, [])
      const unknown = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${pizzeria.id}/messages/00000000-0000-4000-8000-000000000000`,
        headers: as(owner, { write: true }),
        payload: { status: 'done' },
      })
      assert.equal(unknown.statusCode, 404)
      assert.equal((await list(as(owner)))[0]!.status, one!.status)
    })

    it('streams message.created on the activity events', async () => {
      const events = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${pizzeria.id}/events?after=0`,
        headers: { ...bearer(pizzeria.api_key), accept: 'application/json' },
      })
      assert.equal(events.statusCode, 200, events.body)
      const created = events.json().data.filter((e: { type: string }) => e.type === 'message.created')
      assert.deepEqual(
        created.map((e: { data: { name: string } }) => e.data.name),
        ['Ada', 'Ben', 'Dee', 'Grace'],
      )
    })
  })
}

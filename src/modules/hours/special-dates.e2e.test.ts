import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { HARBOR_NUMBER, harborBundle } from '../faqs/faqs.test-utils.ts'
import { assistantRequestMessage, toolCall, toolCallsMessage } from '../vapi/vapi-test-utils.ts'

const DEC_24_1PM = Date.parse('2026-12-24T21:00:00Z') // 1 PM in Seattle, Christmas Eve

for (const backend of testBackends()) {
  describe(`special dates through the API and the webhook on ${backend.name}`, () => {
    let t: TestApp
    let id: string
    let key: string
    before(async () => {
      t = await createTestApp(backend)
      ;({ id, api_key: key } = await t.createRestaurant(harborBundle))
    })
    after(async () => {
      await t.close()
    })

    const hours = async (query: string, timestamp: number) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number: HARBOR_NUMBER,
          timestamp,
          calls: [toolCall('h', 'get_hours_info', query)],
        }),
      })
      return response.json().results[0].result as string
    }

    it('answers holiday hours and the next opening, and follows special dates added and removed', async () => {
      const dec2 = Date.parse('2026-12-02T20:00:00Z')
      assert.equal(
        await hours('are you open on christmas eve', dec2),
        "On Thursday, December 24, Christmas Eve, we're open from 11 AM to 3 PM.",
      )
      assert.equal(
        await hours('are you open on christmas', dec2),
        "On Friday, December 25, Christmas Day, we're closed; we open again on Saturday, December 26 at 11 AM.",
      )
      // Closed for Boxing Day too: the next opening moves past it, and the cached answer is not reused.
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${id}/special-dates`,
        headers: bearer(key),
        payload: { date: '2026-12-26', name: 'Staff party', is_closed: true },
      })
      assert.equal(added.statusCode, 201, added.body)
      assert.deepEqual(added.json(), { id: added.json().id, date: '2026-12-26', name: 'Staff party', is_closed: true })
      assert.equal(
        await hours('are you open on christmas', dec2),
        "On Friday, December 25, Christmas Day, we're closed; we open again on Sunday, December 27 at 11 AM.",
      )
      assert.match(await hours('are you open for the staff party', dec2), /^On Saturday, December 26, Staff party,/)
      const changed = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${id}/special-dates/${added.json().id}`,
        headers: admin,
        payload: { is_closed: false, open_time: '17:00', close_time: '23:00' },
      })
      assert.equal(changed.statusCode, 200, changed.body)
      assert.equal(
        await hours('what about the 26th', dec2),
        "On Saturday, December 26, Staff party, we're open from 5 PM to 11 PM.",
      )
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${id}/special-dates/${added.json().id}`,
        headers: admin,
      })
      assert.equal(removed.statusCode, 204)
      assert.equal(
        await hours('what about the 26th', dec2),
        "On Saturday, December 26, we're open from 11 AM to 10 PM.",
      )
    })

    it('says open now on a short holiday and closed afterwards with the next opening', async () => {
      assert.equal(await hours('are you open right now', DEC_24_1PM), "We're open right now until 3 PM.")
      assert.equal(
        await hours('are you open right now', Date.parse('2026-12-25T01:00:00Z')),
        "We're closed right now; we open again on Saturday at 11 AM.",
      )
    })

    it("gives the assistant whether we are open now and today's hours, special dates included", async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: assistantRequestMessage({ number: HARBOR_NUMBER, callId: 'eve', timestamp: DEC_24_1PM }),
      })
      const variables = response.json().assistantOverrides.variableValues
      assert.equal(variables.open_now, 'true')
      assert.equal(variables.open_now_text, "We're open right now until 3 PM.")
      assert.equal(variables.today_hours, '11 AM to 3 PM (Christmas Eve)')
      const christmas = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: assistantRequestMessage({
          number: HARBOR_NUMBER,
          callId: 'xmas',
          timestamp: Date.parse('2026-12-25T18:00:00Z'),
        }),
      })
      const closed = christmas.json().assistantOverrides.variableValues
      assert.equal(closed.open_now, 'false')
      assert.equal(closed.today_hours, 'closed today (Christmas Day)')
      assert.equal(closed.open_now_text, "We're closed right now; we open again tomorrow at 11 AM.")
    })
  })
}

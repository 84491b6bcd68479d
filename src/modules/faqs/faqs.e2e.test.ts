import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { admin, bearer, createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { toolCall, toolCallsMessage } from '../vapi/vapi-test-utils.ts'
import { DONT_KNOW } from './faq-answers.models.ts'
import { HARBOR_NUMBER, harborBundle } from './faqs.test-utils.ts'

const NOON = Date.parse('2026-12-02T20:00:00Z') // Wednesday noon in Seattle

for (const backend of testBackends()) {
  describe(`FAQs on ${backend.name}`, () => {
    let t: TestApp
    let now = NOON
    let id: string
    let key: string
    let calls = 0
    before(async () => {
      t = await createTestApp(backend, { overrides: { clock: { now: () => new Date(now) } } })
      ;({ id, api_key: key } = await t.createRestaurant(harborBundle))
    })
    after(async () => {
      await t.close()
    })

    /** One question through the webhook, as a new caller; waits until the call is recorded. */
    const ask = async (tool: string, query: string) => {
      const callId = `faq-call-${++calls}`
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number: HARBOR_NUMBER,
          callId,
          timestamp: now,
          calls: [toolCall('q', tool, query)],
        }),
      })
      assert.equal(response.statusCode, 200, response.body)
      await waitForInvocation(callId)
      now += 60_000 // the insights range ends at "now", exclusive
      return response.json().results[0]
    }
    const waitForInvocation = async (callId: string) => {
      for (let i = 0; i < 250; i++) {
        const rows = (await t.database.db.execute(
          sql`select 1 from tool_invocations where vapi_call_id = ${callId}`,
        )) as unknown as { rows: unknown[] }
        if (rows.rows.length > 0) return
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      throw new Error(`invocation of ${callId} never recorded`)
    }
    const openQuestions = async () => {
      const response = await t.app.inject({ method: 'GET', url: `/api/restaurants/${id}/insights`, headers: admin })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().unanswered as { id: string; status: string; question: string; count: number }[]
    }

    it('round-trips faqs, special dates and settings through the bundle, and refuses unknown settings', async () => {
      const exported = await t.app.inject({ method: 'GET', url: `/api/restaurants/${id}/export`, headers: admin })
      assert.equal(exported.statusCode, 200)
      const body = exported.json()
      assert.deepEqual(body.faqs, harborBundle.faqs)
      assert.deepEqual(body.special_dates, harborBundle.special_dates)
      // The order webhook's secret is write-only (restaurant-settings.models.ts).
      assert.deepEqual(body.settings, {
        ...harborBundle.settings,
        order_webhook: { ...harborBundle.settings.order_webhook, secret: '********' },
      })
      const bad = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${id}`,
        headers: admin,
        payload: { name: 'Harbor Grill', settings: { tax_rate: 0.1, tip_jar: true } },
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /tip_jar|additional/i)
      const badNested = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${id}`,
        headers: admin,
        payload: { name: 'Harbor Grill', settings: { ordering: { enabled: true, surge: 2 } } },
      })
      assert.equal(badNested.statusCode, 400)
      const badDate = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${id}/special-dates`,
        headers: admin,
        payload: { date: '2026-02-30', is_closed: true },
      })
      assert.equal(badDate.statusCode, 400)
      assert.match(badDate.json().error.message, /body\.date is not a calendar date/)
      const after = await t.app.inject({ method: 'GET', url: `/api/restaurants/${id}/export`, headers: admin })
      assert.deepEqual(after.json(), body, 'refused requests changed nothing')
    })

    it("answers FAQ questions asked in a caller's words, and says it does not know the rest", async () => {
      const cases: [string, RegExp][] = [
        ['where can I park my car', /parking garage/],
        ['is there a corkage fee', /corkage is 20 dollars/],
        ['can I come in a wheelchair', /ramp/],
        ['my dad uses a wheelchair, can he get in easily?', /ramp/],
        ['my dad uses a wheelchair, do you take credit cards?', /credit cards and Apple Pay/],
        ['do you take credit cards', /credit cards and Apple Pay/],
      ]
      for (const [query, expected] of cases) {
        const answer = await ask('get_restaurant_info', query)
        assert.match(answer.result, expected, query)
        assert.equal(answer.metadata.match, 'found')
      }
      for (const query of [
        'do you have a helipad',
        'can I bring my dog',
        'what is the wifi password',
        // The wheelchair FAQ does not answer another question asked after the same words.
        'my dad uses a wheelchair, can he bring his dog?',
      ]) {
        const answer = await ask('get_restaurant_info', query)
        assert.equal(answer.result, DONT_KNOW, query)
      }
    })

    it('lets the four tools fall back to the FAQs when their own data has no answer', async () => {
      assert.match((await ask('get_menu_info', 'is there parking nearby')).result, /parking garage/)
      assert.match((await ask('get_zones_info', 'do you accept apple pay')).result, /Apple Pay/)
      // Their own answers still win when they have one.
      assert.match((await ask('get_menu_info', 'how much is the salmon')).result, /Grilled Salmon/)
    })

    it('adds, changes and removes FAQs, and the next caller hears the change', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${id}/faqs`,
        headers: bearer(key),
        payload: { question: 'Do you have outdoor seating?', answer: 'Yes, a heated patio with twelve tables.' },
      })
      assert.equal(created.statusCode, 201, created.body)
      const faq = created.json()
      assert.match((await ask('get_restaurant_info', 'can we sit outside on the terrace')).result, /heated patio/)
      const changed = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${id}/faqs/${faq.id}`,
        headers: bearer(key),
        payload: { answer: 'Our patio is closed for the winter.' },
      })
      assert.equal(changed.statusCode, 200)
      assert.equal(changed.json().question, 'Do you have outdoor seating?')
      assert.match(
        (await ask('get_restaurant_info', 'can we sit outside on the terrace')).result,
        /closed for the winter/,
      )
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${id}/faqs/${faq.id}`,
        headers: admin,
      })
      assert.equal(removed.statusCode, 204)
      assert.equal((await ask('get_restaurant_info', 'can we sit outside on the terrace')).result, DONT_KNOW)
      const list = await t.app.inject({ method: 'GET', url: `/api/restaurants/${id}/faqs`, headers: bearer(key) })
      assert.deepEqual(
        list.json().data.map((f: { question: string }) => f.question),
        harborBundle.faqs.map((f) => f.question),
      )
    })

    it('groups unanswered questions by meaning, and answering one closes it for the next caller', async () => {
      const first = await ask('get_menu_info', 'do you have a kids menu')
      assert.equal(first.metadata.match, 'none')
      await ask('get_restaurant_info', "is there a children's menu")
      await ask('get_restaurant_info', 'do you have a helipad')
      const open = await openQuestions()
      const kids = open.find((q) => /children|kids/.test(q.question))
      assert.ok(kids, JSON.stringify(open))
      assert.equal(kids.count, 2)
      assert.equal(kids.status, 'open')
      assert.equal(open.filter((q) => /children|kids/.test(q.question)).length, 1)
      assert.ok(open.some((q) => q.question === 'do you have a helipad'))

      const answered = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${id}/faqs`,
        headers: bearer(key),
        payload: { from_unanswered: kids.id, answer: 'Yes, we have a kids menu with smaller portions for 8 dollars.' },
      })
      assert.equal(answered.statusCode, 201, answered.body)
      assert.equal(answered.json().question, 'do you have a kids menu')
      const still = await openQuestions()
      assert.ok(!still.some((q) => q.id === kids.id), 'the answered question left the open list')
      assert.ok(still.some((q) => q.question === 'do you have a helipad'))

      // A later caller, in other words, through another tool: answered now, and nothing new is opened.
      const later = await ask('get_menu_info', 'anything on the menu for children?')
      assert.match(later.result, /kids menu with smaller portions/)
      assert.ok(!(await openQuestions()).some((q) => /children|kids/.test(q.question)))

      const again = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${id}/faqs`,
        headers: admin,
        payload: { from_unanswered: kids.id, answer: 'twice' },
      })
      assert.equal(again.statusCode, 409)
      const unknown = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${id}/faqs`,
        headers: admin,
        payload: { from_unanswered: '00000000-0000-4000-8000-000000000000', answer: 'nothing' },
      })
      assert.equal(unknown.statusCode, 404)
      const noQuestion = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${id}/faqs`,
        headers: admin,
        payload: { answer: 'an answer to nothing' },
      })
      assert.equal(noQuestion.statusCode, 400)
      const answeredList = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${id}/insights?unanswered_status=answered`,
        headers: admin,
      })
      assert.deepEqual(
        answeredList
          .json()
          .unanswered.map((q: { id: string; status: string; count: number }) => [q.id, q.status, q.count]),
        [[kids.id, 'answered', 2]],
      )
    })
  })
}

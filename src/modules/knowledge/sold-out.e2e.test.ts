import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { HARBOR_NUMBER, harborBundle } from '../faqs/faqs.test-utils.ts'
import { toolCall, toolCallsMessage } from '../vapi/vapi-test-utils.ts'

const FIVE_PM = Date.parse('2026-12-02T01:00:00Z') // 5 PM in Seattle
const BACK_AT = '2026-12-02T02:00:00.000Z' // 6 PM

for (const backend of testBackends()) {
  describe(`sold-out items on ${backend.name}`, () => {
    let t: TestApp
    let now = FIVE_PM
    let id: string
    before(async () => {
      // A long answer-cache lifetime: an item coming back must not wait for it.
      t = await createTestApp(backend, {
        config: { cacheTtlSeconds: 3600 },
        overrides: { clock: { now: () => new Date(now) } },
      })
      const menu = harborBundle.menu_items.map((item) =>
        item.name === 'Clam Chowder' ? { ...item, available: false, available_again_at: BACK_AT } : item,
      )
      ;({ id } = await t.createRestaurant({ ...harborBundle, menu_items: menu }))
    })
    after(async () => {
      await t.close()
    })

    const askChowder = async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number: HARBOR_NUMBER,
          timestamp: now,
          calls: [toolCall('c', 'get_menu_info', 'do you have clam chowder')],
        }),
      })
      return response.json().results[0]
    }
    const exported = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/restaurants/${id}/export`, headers: admin }))
        .json()
        .menu_items.find((item: { name: string }) => item.name === 'Clam Chowder')

    it('is unavailable until its time, then back by itself, with no stale cached answer', async () => {
      assert.deepEqual(
        { available: (await exported()).available, again: (await exported()).available_again_at },
        { available: false, again: BACK_AT },
      )
      const before = await askChowder()
      assert.match(before.result, /not available right now/)
      assert.equal(before.metadata.items[0].available, false)
      now = Date.parse(BACK_AT) - 60_000
      assert.match((await askChowder()).result, /not available right now/)
      now = Date.parse(BACK_AT) + 1_000
      const after = await askChowder()
      assert.doesNotMatch(after.result, /not available/)
      assert.match(after.result, /Clam Chowder/)
      assert.equal(after.metadata.items[0].available, true)
      assert.equal((await exported()).available, true)
      assert.equal((await exported()).available_again_at, undefined)
    })

    it('refuses a time that is not ISO 8601', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${id}/menu-items`,
        headers: admin,
        payload: { name: 'Oysters', price: 3, available: false, available_again_at: 'tonight at six' },
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.json().error.message, /available_again_at/)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { harborBundle } from '../faqs/faqs.test-utils.ts'

// Harbor Grill (Seattle) opens 11 AM–10 PM every day; Christmas Eve 11 AM–3 PM; closed on Christmas Day.
for (const backend of testBackends()) {
  describe(`open status (GET /api/restaurants/:id/open-status) on ${backend.name}`, () => {
    let t: TestApp
    // Each question sets it (statusAt).
    let now = new Date(0)
    let restaurant: { id: string; api_key: string }
    before(async () => {
      t = await createTestApp(backend, { overrides: { clock: { now: () => now } } })
      restaurant = await t.createRestaurant(harborBundle)
    })
    after(() => t.close())

    const statusAt = async (iso: string) => {
      now = new Date(iso)
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${restaurant.id}/open-status`,
        headers: bearer(restaurant.api_key),
      })
      assert.equal(response.statusCode, 200, response.body)
      return response.json()
    }

    it('says until when it is open, and that the first opening after a special date is the day after', async () => {
      // 1 PM on Christmas Eve: open until 3 PM; tomorrow is Christmas Day, so back on the 26th at 11 AM.
      assert.deepEqual(await statusAt('2026-12-24T21:00:00Z'), {
        open_now: true,
        closes_at: '2026-12-24T23:00:00.000Z',
        next_opening: null,
        next_opening_after_today: '2026-12-26T19:00:00.000Z',
      })
    })

    it('says when it opens next while closed, on a closed day and before opening', async () => {
      assert.deepEqual(await statusAt('2026-12-25T20:00:00Z'), {
        open_now: false,
        closes_at: null,
        next_opening: '2026-12-26T19:00:00.000Z',
        next_opening_after_today: '2026-12-26T19:00:00.000Z',
      })
      // 9 AM on an ordinary day: opens at 11 today; after today, at 11 tomorrow.
      assert.deepEqual(await statusAt('2026-12-02T17:00:00Z'), {
        open_now: false,
        closes_at: null,
        next_opening: '2026-12-02T19:00:00.000Z',
        next_opening_after_today: '2026-12-03T19:00:00.000Z',
      })
    })
  })
}

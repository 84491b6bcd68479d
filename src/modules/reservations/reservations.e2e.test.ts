import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { admin, bearer, createTestApp, loadExampleBundle, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { reservations } from './reservations.tables.ts'
import { bookThroughWebhook } from './reservations.test-utils.ts'

// Le Petit Bistro (New York): closed Mondays, Tue–Thu 11:30–22:00, Fri 11:30–23:30.
// The app's clock stands at Tuesday 2026-12-01, 3 PM in New York.
const NOW = new Date('2026-12-01T20:00:00Z')
const BISTRO = '+12125550101'
const PIZZERIA = '+13125550103'
const RAMEN = '+14155550102'
const TINY = '+16175550144'

for (const backend of testBackends()) {
  describe(`book_table and the reservation routes on ${backend.name}`, () => {
    let t: TestApp
    let bistro: { id: string; api_key: string }
    let ramen: { id: string; api_key: string }
    const book = (number: string, callId: string, args: Record<string, unknown>, caller?: string) =>
      bookThroughWebhook(t.app, { number, callId, args, caller })
    const patch = (restaurantId: string, reservationId: string, status: string, headers: object = admin) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${restaurantId}/reservations/${reservationId}`,
        headers: { ...headers },
        payload: { status },
      })
    const list = async (restaurantId: string, date: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${restaurantId}/reservations?date=${date}`,
        headers: admin,
      })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().data as Array<Record<string, any>>
    }

    before(async () => {
      t = await createTestApp(backend, { overrides: { clock: { now: () => NOW } } })
      bistro = await t.createRestaurant({
        ...loadExampleBundle('petit-bistro'),
        special_dates: [{ date: '2026-12-24', name: 'Christmas Eve', is_closed: true }],
        settings: { reservations: { max_party_size: 6, seats_per_slot: 10, slot_minutes: 30 } },
      })
      // No reservations settings at all: the restaurant does not take bookings.
      await t.createRestaurant(loadExampleBundle('nonnas-pizzeria'))
      ramen = await t.createRestaurant({
        ...loadExampleBundle('sakura-ramen'),
        settings: { reservations: { enabled: false, max_party_size: 4 } },
      })
      await t.createRestaurant({
        name: 'Tiny Table',
        timezone: 'UTC',
        phone_numbers: [TINY],
        operating_hours: [
          { day_of_week: 'friday', open_time: '18:00', close_time: '19:00' },
          { day_of_week: 'saturday', open_time: '12:00', close_time: '13:00' },
        ],
        settings: { reservations: { seats_per_slot: 2, slot_minutes: 30 } },
      })
    })
    after(async () => {
      await t.close()
    })

    it("books within the limits, with the caller's number from the call and never from the arguments", async () => {
      const { line, metadata } = await book(
        BISTRO,
        'call-ana',
        { party_size: 4, date: '2026-12-04', time: '19:00', name: 'Ana', phone: '+19995550000' },
        '+15550001111',
      )
      assert.equal(
        line,
        "You're booked: a table for 4 people on Friday, December 4 at 7 PM under the name Ana; " +
          'the restaurant will confirm it.',
      )
      const [row] = await list(bistro.id, '2026-12-04')
      assert.equal(row!.id, metadata.reservation_id)
      assert.deepEqual(
        { ...row, id: undefined, created_at: undefined, updated_at: undefined },
        {
          id: undefined,
          party_size: 4,
          date: '2026-12-04',
          time: '19:00',
          name: 'Ana',
          caller_phone: '+15550001111',
          vapi_call_id: 'call-ana',
          status: 'pending',
          created_at: undefined,
          updated_at: undefined,
        },
      )
      assert.equal(row!.created_at, NOW.toISOString())
    })

    it('refuses a party larger than max_party_size', async () => {
      const { line, metadata } = await book(BISTRO, 'call-big', {
        party_size: 7,
        date: '2026-12-04',
        time: '19:00',
        name: 'Big Group',
      })
      assert.equal(metadata.booked, false)
      assert.match(line, /at most 6 people/)
      assert.equal((await list(bistro.id, '2026-12-04')).length, 1)
    })

    it('offers the nearest free times when the slot is full, and counts no cancelled seats', async () => {
      // 4 (Ana) + 6 = 10 seats: 7 PM on Friday is full.
      const second = await book(BISTRO, 'call-six', { party_size: 6, date: '2026-12-04', time: '19:00', name: 'Bo' })
      assert.equal(second.metadata.booked, true, second.line)
      const full = await book(BISTRO, 'call-two', { party_size: 2, date: '2026-12-04', time: '19:00', name: 'Cy' })
      assert.equal(
        full.line,
        "Sorry, we're fully booked at 7 PM on Friday, December 4 for 2 people. " +
          'The nearest free times are 6 PM, 6:30 PM or 7:30 PM on Friday, December 4.',
      )
      assert.equal((await patch(bistro.id, second.metadata.reservation_id!, 'cancelled')).statusCode, 200)
      const retry = await book(BISTRO, 'call-two', { party_size: 2, date: '2026-12-04', time: '19:00', name: 'Cy' })
      assert.equal(retry.metadata.booked, true, retry.line)
    })

    it('offers the next days when the whole day is full', async () => {
      for (const [callId, time] of [
        ['tiny-1', '18:00'],
        ['tiny-2', '18:30'],
      ] as const)
        assert.equal(
          (await book(TINY, callId, { party_size: 2, date: '2026-12-04', time, name: 'X' })).metadata.booked,
          true,
        )
      const { line } = await book(TINY, 'tiny-3', { party_size: 2, date: '2026-12-04', time: '18:00', name: 'Y' })
      assert.equal(
        line,
        "Sorry, we're fully booked at 6 PM on Friday, December 4 for 2 people. " +
          'The nearest free times are noon or 12:30 PM on Saturday, December 5.',
      )
    })

    it('refuses closed days, times after closing or before opening, off-grid times, closed special dates', async () => {
      const ask = async (date: string, time: string) =>
        (await book(BISTRO, `call-${date}-${time}`, { party_size: 2, date, time, name: 'Di' })).line
      assert.equal(
        await ask('2026-12-07', '19:00'),
        "Sorry, we're closed on Monday, December 7. The nearest free times are 6:30 PM, 7 PM or 7:30 PM " +
          'on Tuesday, December 8.',
      )
      assert.equal(
        await ask('2026-12-08', '21:45'),
        'Sorry, a table at 9:45 PM on Tuesday, December 8 would run past closing; the last table that day is ' +
          'at 9:30 PM. The nearest free times are 8:30 PM, 9 PM or 9:30 PM on Tuesday, December 8.',
      )
      assert.match(
        await ask('2026-12-08', '09:00'),
        new RegExp(
          "^Sorry, we're not open at 9 AM on Tuesday, December 8; that day we're open 11:30 AM to 10 PM\\. " +
            'The nearest free times are 11:30 AM, noon or 12:30 PM on Tuesday, December 8\\.$',
        ),
      )
      assert.equal(
        await ask('2026-12-08', '19:10'),
        'Sorry, we book tables every 30 minutes, so not at 7:10 PM. ' +
          'The nearest free times are 6:30 PM, 7 PM or 7:30 PM on Tuesday, December 8.',
      )
      assert.match(
        await ask('2026-12-24', '19:00'),
        new RegExp(
          "^Sorry, we're closed on Thursday, December 24 \\(Christmas Eve\\)\\. " +
            'The nearest free times are .* on Friday, December 25\\.$',
        ),
      )
      assert.equal((await list(bistro.id, '2026-12-08')).length, 0)
    })

    it("refuses a time that has passed by the app's clock in the restaurant's time zone", async () => {
      // 3 PM in New York: noon today has passed, 3:30 PM has not.
      const { line } = await book(BISTRO, 'call-past', { party_size: 2, date: '2026-12-01', time: '12:00', name: 'Ed' })
      assert.equal(
        line,
        'Sorry, noon today has already passed. The nearest free times are 3:30 PM, 4 PM or 4:30 PM today.',
      )
      const yesterday = await book(BISTRO, 'call-past', {
        party_size: 2,
        date: '2026-11-30',
        time: '19:00',
        name: 'Ed',
      })
      assert.match(yesterday.line, /has already passed/)
      const soon = await book(BISTRO, 'call-soon', { party_size: 2, date: '2026-12-01', time: '15:30', name: 'Ed' })
      assert.equal(soon.metadata.booked, true, soon.line)
    })

    it('says so when the restaurant does not take bookings', async () => {
      const args = { party_size: 2, date: '2026-12-04', time: '19:00', name: 'Fay' }
      assert.equal((await book(PIZZERIA, 'call-pizza', args)).line, "Sorry, we don't take table reservations by phone.")
      assert.equal((await book(RAMEN, 'call-ramen', args)).line, "Sorry, we don't take table reservations by phone.")
      const rows = await t.database.db.select().from(reservations).where(eq(reservations.restaurantId, ramen.id))
      assert.equal(rows.length, 0)
    })

    it('asks again when an argument is missing or malformed', async () => {
      const bad = async (args: Record<string, unknown>) => (await book(BISTRO, 'call-bad', args)).line
      assert.match(await bad({ date: '2026-12-04', time: '19:00', name: 'G' }), /party_size/)
      assert.match(await bad({ party_size: 2, date: '2026-02-30', time: '19:00', name: 'G' }), /date must be/)
      assert.match(await bad({ party_size: 2, date: '2026-12-04', time: '7pm', name: 'G' }), /time must be/)
      assert.match(await bad({ party_size: 2, date: '2026-12-04', time: '19:00', name: '  ' }), /name is missing/)
    })

    it('replaces the booking of the same call instead of making a second one', async () => {
      const first = await book(BISTRO, 'call-gus', { party_size: 2, date: '2026-12-05', time: '19:30', name: 'Gus' })
      assert.match(first.line, /^You're booked/)
      const repeated = await book(BISTRO, 'call-gus', { party_size: 2, date: '2026-12-05', time: '19:30', name: 'Gus' })
      const revised = await book(BISTRO, 'call-gus', { party_size: 3, date: '2026-12-05', time: '20:00', name: 'Gus' })
      assert.match(repeated.line, /^I've changed your booking/)
      assert.equal(
        revised.line,
        "I've changed your booking to a table for 3 people on Saturday, December 5 at 8 PM under the name Gus; " +
          'the restaurant will confirm it.',
      )
      const rows = await t.database.db
        .select()
        .from(reservations)
        .where(and(eq(reservations.vapiCallId, 'call-gus'), eq(reservations.restaurantId, bistro.id)))
      assert.deepEqual(
        rows.map((row) => [row.id, row.partySize, row.time]),
        [[first.metadata.reservation_id, 3, '20:00:00']],
      )
    })

    it('moves a reservation along and refuses illegal moves with a 409', async () => {
      const { metadata } = await book(BISTRO, 'call-hal', {
        party_size: 2,
        date: '2026-12-05',
        time: '18:00',
        name: 'Hal',
      })
      const id = metadata.reservation_id!
      assert.equal((await patch(bistro.id, id, 'confirmed', bearer(bistro.api_key))).json().status, 'confirmed')
      assert.equal((await patch(bistro.id, id, 'confirmed')).statusCode, 200, 'the same status again is no move')
      assert.equal((await patch(bistro.id, id, 'seated')).json().status, 'seated')
      const fromSeated = await patch(bistro.id, id, 'cancelled')
      assert.equal(fromSeated.statusCode, 409)
      assert.equal(fromSeated.json().error.message, 'A seated reservation cannot become cancelled')

      const other = await book(BISTRO, 'call-ida', { party_size: 2, date: '2026-12-05', time: '18:00', name: 'Ida' })
      const otherId = other.metadata.reservation_id!
      assert.equal((await patch(bistro.id, otherId, 'cancelled')).statusCode, 200)
      assert.equal((await patch(bistro.id, otherId, 'confirmed')).statusCode, 409)
      assert.equal((await patch(bistro.id, otherId, 'seated')).statusCode, 409)
      assert.equal((await patch(bistro.id, otherId, 'pending')).statusCode, 400)
      assert.equal((await patch(bistro.id, crypto.randomUUID(), 'confirmed')).statusCode, 404)
      // After a cancelled booking, the same call books anew (only a pending booking is replaced).
      const again = await book(BISTRO, 'call-ida', { party_size: 2, date: '2026-12-05', time: '18:30', name: 'Ida' })
      assert.match(again.line, /^You're booked/)
    })

    it("keeps each restaurant's reservations to itself", async () => {
      const [ana] = await list(bistro.id, '2026-12-04')
      const asRamen = bearer(ramen.api_key)
      const foreignList = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${bistro.id}/reservations?date=2026-12-04`,
        headers: asRamen,
      })
      assert.equal(foreignList.statusCode, 404)
      assert.equal((await patch(bistro.id, ana!.id, 'cancelled', asRamen)).statusCode, 404)
      // Its own URL with the other restaurant's reservation: not found either.
      assert.equal((await patch(ramen.id, ana!.id, 'cancelled', asRamen)).statusCode, 404)
      const ownList = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${ramen.id}/reservations?date=2026-12-04`,
        headers: asRamen,
      })
      assert.deepEqual(ownList.json(), { date: '2026-12-04', data: [] })
      assert.equal((await list(bistro.id, '2026-12-04')).find((row) => row.id === ana!.id)?.status, 'pending')
    })

    it("lists today's reservations by default, today being the restaurant's", async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${bistro.id}/reservations`,
        headers: admin,
      })
      assert.equal(response.json().date, '2026-12-01')
      assert.deepEqual(
        response.json().data.map((row: any) => [row.time, row.name]),
        [['15:30', 'Ed']],
      )
      const bad = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${bistro.id}/reservations?date=tomorrow`,
        headers: admin,
      })
      assert.equal(bad.statusCode, 400)
    })
  })
}

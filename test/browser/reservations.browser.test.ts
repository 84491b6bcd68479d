import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { nextWeekday, TAKES_BOOKINGS } from '../../src/modules/reservations/reservations.test-utils.ts'
import { loadExampleBundle } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import {
  type DashboardServer,
  invitedPerson,
  launchBrowser,
  newPage,
  openContext,
  PHONE,
  pageUrl,
  screenshot,
  scrollsSideways,
  seriousAxeViolations,
  signIn,
  startDashboardServer,
} from './browser.test-utils.ts'

// A table booked by phone (through the webhook) shows on the Reservations page and is confirmed there.
const BISTRO_NUMBER = '+12125550101'
const OWNER = 'owner@petit-bistro.test'

// Wednesday noon in New York, the server's and the browser's clock.
const NOW = '2026-12-09T17:00:00Z'

for (const backend of testBackends()) {
  describe(`the Reservations page in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let browser: Browser
    let bistro: { id: string }
    // A Friday a week or more ahead in New York (the bistro is open 11:30 AM to 11:30 PM).
    const friday = nextWeekday(new Date(NOW), 'America/New_York', 5)

    async function book(callId: string, args: Record<string, unknown>, caller: string) {
      const response = await server.webhook({
        message: {
          type: 'tool-calls',
          call: { id: callId, customer: { number: caller } },
          phoneNumber: { number: BISTRO_NUMBER },
          customer: { number: caller },
          toolCallList: [{ id: randomUUID(), type: 'function', function: { name: 'book_table', arguments: args } }],
        },
      })
      assert.equal(response.status, 200)
      return response.body.results[0].result as string
    }

    before(async () => {
      ;[server, browser] = await Promise.all([startDashboardServer(backend, { now: NOW }), launchBrowser()])
      const created = await server.admin('POST', '/api/restaurants', {
        ...loadExampleBundle('petit-bistro'),
        settings: TAKES_BOOKINGS,
      })
      assert.equal(created.status, 201)
      bistro = created.body
      await invitedPerson(server, { email: OWNER, role: 'owner', restaurantId: bistro.id })
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('shows a table booked by phone and confirms it, on a desktop and on a phone', async () => {
      assert.match(
        await book('call-ana', { party_size: 4, date: friday, time: '19:00', name: 'Ana Lopez' }, '+15550001111'),
        /^You're booked/,
      )
      assert.match(
        await book('call-ben', { party_size: 2, date: friday, time: '18:30', name: 'Ben Okafor' }, '+15550002222'),
        /^You're booked/,
      )
      const desktop = await openContext(browser, server, { viewport: { width: 1280, height: 800 } })
      const { page, problems } = await newPage(desktop)
      await signIn(page, server, OWNER)

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reservations' }).click()
      await page.getByRole('heading', { name: 'Reservations', level: 1 }).waitFor()
      await page.getByLabel('Date').fill(friday)
      const list = page.getByRole('list', { name: 'Reservations' })
      const ana = list.getByRole('listitem').filter({ hasText: 'Ana Lopez' })
      await ana.waitFor()
      // By time: 6:30 PM before 7 PM.
      assert.deepEqual(
        (await list.getByRole('listitem').allTextContents()).map((text) => text.match(/\d\d:\d\d/)?.[0]),
        ['18:30', '19:00'],
      )
      assert.match((await ana.textContent()) ?? '', /4 people · \+15550001111.*Pending/)
      await ana.getByRole('button', { name: 'Confirm' }).click()
      await ana.getByText('Confirmed', { exact: true }).waitFor()
      assert.equal(await ana.getByRole('button', { name: 'Confirm' }).count(), 0)
      const day = await server.admin('GET', `/api/restaurants/${bistro.id}/reservations?date=${friday}`)
      assert.equal(day.body.data.find((r: any) => r.name === 'Ana Lopez').status, 'confirmed')
      assert.deepEqual(await seriousAxeViolations(page), [])
      await screenshot(page, 'desktop-reservations')

      const phone = await openContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true })
      try {
        const { page: mobile, problems: mobileProblems } = await newPage(phone)
        await phone.addCookies(await desktop.cookies())
        await mobile.goto(pageUrl(server, `/r/${bistro.id}/reservations`))
        await mobile.getByRole('heading', { name: 'Reservations', level: 1 }).waitFor()
        await mobile.getByLabel('Date').fill(friday)
        const ben = mobile.getByRole('list', { name: 'Reservations' }).getByRole('listitem').filter({ hasText: 'Ben' })
        await ben.getByRole('button', { name: 'Seat' }).click()
        await ben.getByText('Seated', { exact: true }).waitFor()
        assert.equal(await scrollsSideways(mobile), false)
        assert.deepEqual(await seriousAxeViolations(mobile), [])
        await screenshot(mobile, 'phone-reservations')
        assert.deepEqual(mobileProblems, [])
      } finally {
        await phone.close()
        await desktop.close()
      }
      assert.deepEqual(problems, [])
    })
  })
}

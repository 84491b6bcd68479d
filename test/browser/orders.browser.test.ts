import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { FRIDAY_5PM, orderToolCall, pizzeriaBundle } from '../../src/modules/orders/orders.test-utils.ts'
import { testBackends } from '../support/database.ts'
import {
  type DashboardServer,
  invitedPerson,
  launchBrowser,
  newPage,
  openContext,
  screenshot,
  signIn,
  startDashboardServer,
} from './browser.test-utils.ts'

// The kitchen's Orders page in a real Chromium: an order placed through the webhook appears
// without a reload, with a beep, and is accepted with its button. The owner turns ordering off
// and on, and changes the tax, on Settings; the next call hears the change.
const OWNER = 'owner@nonnas-pizzeria.test'

for (const backend of testBackends()) {
  describe(`the Orders page in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let browser: Browser
    let page: Page
    let problems: string[]
    let pizzeria: { id: string; api_key: string }

    before(async () => {
      ;[server, browser] = await Promise.all([startDashboardServer(backend, { now: FRIDAY_5PM }), launchBrowser()])
      const created = await server.admin('POST', '/api/restaurants', pizzeriaBundle())
      assert.equal(created.status, 201, JSON.stringify(created.body))
      pizzeria = created.body
      await invitedPerson(server, { email: OWNER, role: 'owner', restaurantId: pizzeria.id, name: 'Owner' })
      const context = await openContext(browser, server, { viewport: { width: 1280, height: 800 } })
      // Counts the beeps: every oscillator the page starts (the sound is made, not downloaded).
      await context.addInitScript(() => {
        const w = window as unknown as { beeps: number }
        w.beeps = 0
        const create = AudioContext.prototype.createOscillator
        AudioContext.prototype.createOscillator = function (this: AudioContext) {
          w.beeps++
          return create.call(this)
        }
      })
      ;({ page, problems } = await newPage(context))
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('shows an order placed through the webhook without a reload, beeps, and accepts it', async () => {
      await signIn(page, server, OWNER)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click()
      await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor()
      await page.getByText('No orders yet').waitFor()
      // A click on the page, as a person would make: browsers play sound only after one.
      await page.getByText('All', { exact: true }).click()
      await page.getByText('Open', { exact: true }).click()

      const placed = await server.webhook(
        orderToolCall({
          tool: 'place_order',
          callId: 'browser-order',
          args: {
            items: [{ name: 'margherita pizza', quantity: 2, options: ['extra cheese'] }, { name: 'tiramisu' }],
            fulfillment: 'delivery',
            postal_code: '60647',
            customer_name: 'Ada',
            notes: 'ring the bell twice',
            allergies: 'peanuts',
          },
        }),
      )
      assert.match(placed.body.results[0].result, /^Order number 101 is placed: the total is \$47\.10/)

      const card = page.getByRole('article', { name: 'Order 101' })
      await card.waitFor({ timeout: 15_000 })
      assert.match((await card.textContent()) ?? '', /2 × Margherita Pizza \(Extra Cheese\)/)
      // The party's allergies and the order's notes come before the lines.
      assert.match((await card.textContent()) ?? '', /Allergies: peanuts.*Notes: ring the bell twice.*2 × Margherita/)
      // Ready 20 minutes after 5 PM by the restaurant's clock (Chicago), whatever the browser's zone.
      assert.match((await card.textContent()) ?? '', /ready Dec 4, 5:20 PM/)
      await page.getByText('1 new since you opened this page').waitFor()
      assert.ok((await page.evaluate(() => (window as unknown as { beeps: number }).beeps)) > 0, 'a beep was played')
      await screenshot(page, 'desktop-orders')

      await card.getByRole('button', { name: 'Accept' }).click()
      await card.getByText('accepted', { exact: true }).waitFor()
      await card.getByRole('button', { name: 'Ready' }).waitFor()
      const order = await server.call('GET', `/api/restaurants/${pizzeria.id}/orders`, undefined, {
        authorization: `Bearer ${pizzeria.api_key}`,
      })
      assert.equal(order.body.data[0].status, 'accepted')
      assert.deepEqual(problems, [])
    })

    it('turns phone ordering off and on from Settings, and the next caller hears the new tax', async () => {
      const quote = async () => {
        const response = await server.webhook(
          orderToolCall({ tool: 'quote_order', args: { items: [{ name: 'tiramisu' }], fulfillment: 'pickup' } }),
        )
        return response.body.results[0].result as string
      }
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
      const card = page.getByRole('form', { name: 'Orders, bookings and calls' })
      const ordering = card.getByRole('switch', { name: 'Take orders by phone' })
      assert.equal(await ordering.isChecked(), true)
      assert.equal(await card.getByLabel('Sales tax (%)').inputValue(), '10.25')

      await ordering.uncheck()
      await card.getByRole('button', { name: 'Save' }).click()
      await card.getByRole('status').getByText('Saved.').waitFor()
      assert.equal(await card.getByRole('switch', { name: 'Take orders by phone' }).isChecked(), false, 'as saved')
      assert.match(await quote(), /don't take orders by phone/)

      await card.getByRole('switch', { name: 'Take orders by phone' }).check()
      await card.getByLabel('Sales tax (%)').fill('8')
      await card.getByLabel('Transfer calls to').fill('+1 312 555 0142')
      await card.getByRole('button', { name: 'Save' }).click()
      // The form is rebuilt from what was saved: the number as stored.
      const transfer = card.getByLabel('Transfer calls to')
      for (let i = 0; i < 100 && (await transfer.inputValue()) !== '+13125550142'; i++) await page.waitForTimeout(100)
      assert.equal(await transfer.inputValue(), '+13125550142', (await card.textContent()) ?? '')
      // 8 % of $8.00 is $0.64.
      assert.match(await quote(), /Subtotal \$8\.00, tax \$0\.64, total \$8\.64/)
      const stored = await server.call('GET', `/api/restaurants/${pizzeria.id}`, undefined, {
        authorization: `Bearer ${pizzeria.api_key}`,
      })
      assert.equal(stored.body.settings.tax_rate, 0.08)
      assert.equal(stored.body.settings.transfer_number, '+13125550142')
      await screenshot(page, 'desktop-settings-orders')
      assert.deepEqual(problems, [])
    })

    it('Insights counts the orders of the last 30 days and what they brought in', async () => {
      // Three days before the server's Friday 5 PM: Tuesday 5 PM in Chicago, when Nonna's is open.
      const at = new Date(Date.parse(FRIDAY_5PM) - 3 * 86_400_000).toISOString()
      const placed = await server.webhook(
        orderToolCall({
          tool: 'place_order',
          at,
          callId: 'browser-insights-order',
          args: { items: [{ name: 'tiramisu' }], fulfillment: 'pickup', customer_name: 'Grace' },
        }),
      )
      // $8.00 and 8 % tax (set on Settings above).
      assert.match(placed.body.results[0].result, /the total is \$8\.64/)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
      await page.getByRole('heading', { name: 'Orders per day' }).waitFor()
      // The 30 local days up to the server's today, Friday December 4 in Chicago.
      await page.getByText('Nov 5 – Dec 4, 2026, by the day in America/Chicago').waitFor()
      // Order 101 ($47.10, accepted) and this one ($8.64); no call has ended yet.
      await page.getByText(/^2 orders, \$55\.74; 0% of calls ended in an order/).waitFor()
      await page.getByRole('figure', { name: 'Orders per day' }).waitFor()
      await page.getByRole('cell', { name: /^Orders placed/ }).waitFor()
      await screenshot(page, 'desktop-insights-orders')
      assert.deepEqual(problems, [])
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { orderToolCall, pizzeriaBundle } from '../../src/modules/orders/orders.test-utils.ts'
import { testBackends } from '../support/database.ts'
import { type DashboardServer, launchBrowser, newPage, screenshot, startDashboardServer } from './browser.test-utils.ts'

// The kitchen's Orders page in a real Chromium: an order placed through the webhook appears
// without a reload, with a beep, and is accepted with its button.
const PASSWORD = 'correct horse battery staple'
const OWNER = 'owner@nonnas-pizzeria.test'

for (const backend of testBackends()) {
  describe(`the Orders page in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let browser: Browser
    let page: Page
    let problems: string[]
    let pizzeria: { id: string; api_key: string }

    before(async () => {
      ;[server, browser] = await Promise.all([startDashboardServer(backend), launchBrowser()])
      const created = await server.admin('POST', '/api/restaurants', pizzeriaBundle())
      assert.equal(created.status, 201, JSON.stringify(created.body))
      pizzeria = created.body
      const invite = await server.admin('POST', `/api/restaurants/${pizzeria.id}/invites`, {
        email: OWNER,
        role: 'owner',
      })
      const accepted = await server.call('POST', '/api/auth/accept-invite', {
        token: invite.body.token,
        password: PASSWORD,
        name: 'Owner',
      })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
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
      await page.goto(server.url.replace('127.0.0.1', 'localhost'))
      await page.getByLabel('Email').fill(OWNER)
      await page.getByLabel('Password').fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()
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
          },
        }),
      )
      assert.match(placed.body.results[0].result, /^Order number 101 is placed: the total is \$47\.10/)

      const card = page.getByRole('article', { name: 'Order 101' })
      await card.waitFor({ timeout: 15_000 })
      assert.match((await card.textContent()) ?? '', /2 × Margherita Pizza \(Extra Cheese\)/)
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
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  FRIDAY_5PM,
  ORDER_SETTINGS,
  orderToolCall,
  pizzeriaBundle,
} from '../../src/modules/orders/orders.test-utils.ts'
import { type FakeStripe, startFakeStripe } from '../fakes/fake-stripe.ts'
import { type FakeTwilio, startFakeTwilio } from '../fakes/fake-twilio.ts'
import { clockFrom } from '../support/clock.ts'
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

// An order waiting for its payment link on the Orders page: its payment state, Resend link; and
// the payments settings. Clock: Friday 2026-12-04, 5 PM in Chicago (open).
const OWNER = 'owner@nonnas-pizzeria.test'

for (const backend of testBackends()) {
  describe(`payment links on the dashboard on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let browser: Browser
    let page: Page
    let stripe: FakeStripe
    let twilio: FakeTwilio
    let restaurantId: string

    before(async () => {
      stripe = await startFakeStripe({ clock: clockFrom(FRIDAY_5PM) })
      twilio = await startFakeTwilio()
      const config = {
        twilioAccountSid: twilio.accountSid,
        twilioAuthToken: twilio.authToken,
        twilioApiBaseUrl: twilio.url,
        stripeSecretKey: stripe.secretKey,
        stripeWebhookSecret: stripe.webhookSecret,
        stripeApiUrl: stripe.url,
      }
      ;[server, browser] = await Promise.all([
        startDashboardServer(backend, { config, now: FRIDAY_5PM }),
        launchBrowser(),
      ])
      const bundle = pizzeriaBundle({ currency: 'EUR', settings: { ...ORDER_SETTINGS, payments: { mode: 'link' } } })
      const created = await server.admin('POST', '/api/restaurants', bundle)
      assert.equal(created.status, 201, JSON.stringify(created.body))
      restaurantId = created.body.id
      await invitedPerson(server, { email: OWNER, role: 'owner', restaurantId, name: 'Owner' })
      const context = await openContext(browser, server, { viewport: { width: 1280, height: 800 } })
      ;({ page } = await newPage(context))
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
      await stripe?.close()
      await twilio?.close()
    })

    it('shows the unpaid order apart from the kitchen, with its payment state and Resend link', async () => {
      const placed = await server.webhook(
        orderToolCall({
          tool: 'place_order',
          callId: 'browser-pay',
          args: { items: [{ name: 'tiramisu', quantity: 3 }], fulfillment: 'delivery', postal_code: '60647' },
        }),
      )
      assert.match(
        placed.body.results[0].result ?? JSON.stringify(placed.body),
        /comes to €29\.46: I have texted a payment link/,
      )
      await signIn(page, server, OWNER)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click()
      const waiting = page.getByRole('region', { name: 'Waiting for payment' })
      const card = waiting.getByRole('article', { name: 'Order 101' })
      await card.waitFor({ timeout: 15_000 })
      await page.getByText('Nothing for the kitchen yet').waitFor()
      const text = (await card.textContent()) ?? ''
      assert.match(text, /awaiting payment/)
      assert.match(text, /payment pending/)
      assert.match(text, /€29\.46/)
      const sent = twilio.messages.length
      await card.getByRole('button', { name: 'Resend link' }).click()
      await page.getByText('Payment link sent again.').waitFor()
      assert.equal(twilio.messages.length, sent + 1)
      await screenshot(page, 'desktop-orders-awaiting-payment')

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click()
      const payments = page.getByRole('form', { name: 'Payments' })
      await payments.waitFor()
      await payments.getByText('Link above an amount').click()
      await payments.getByLabel('Link for orders above (EUR)').fill('25')
      await payments.getByRole('button', { name: 'Save' }).click()
      await payments.getByText('Saved.').waitFor()
      await payments.scrollIntoViewIfNeeded()
      await screenshot(page, 'desktop-settings-payments')
      const saved = await server.admin('GET', `/api/restaurants/${restaurantId}/export`)
      assert.deepEqual(saved.body.settings.payments, {
        mode: 'link_above',
        link_above_amount: 25,
        expire_minutes: 30,
        unpaid: 'cancel',
      })
      assert.equal(saved.body.currency, 'EUR')
    })

    it("shows menu, options, zones and revenue in the restaurant's currency, and takes prices in it", async () => {
      const nav = page.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('link', { name: 'Menu', exact: true }).click()
      const pizza = page.getByRole('article', { name: 'Margherita Pizza' })
      await pizza.waitFor()
      assert.match((await pizza.textContent()) ?? '', /€14\.00/)
      assert.match((await page.getByRole('article', { name: 'Extra Cheese' }).textContent()) ?? '', /\+€2\.00/)
      await pizza.getByRole('button', { name: 'Edit Margherita Pizza' }).click()
      const price = page.getByRole('dialog').getByLabel('Price')
      await price.waitFor()
      assert.equal(await price.inputValue(), '14')
      assert.match((await page.getByRole('dialog').textContent()) ?? '', /€/, 'the price field shows the euro sign')
      await screenshot(page, 'desktop-menu-item-in-euros')
      await page.keyboard.press('Escape')

      await nav.getByRole('link', { name: 'Delivery zones', exact: true }).click()
      const zone = page.getByRole('article', { name: 'Logan Square' })
      await zone.waitFor()
      assert.match((await zone.textContent()) ?? '', /Fee €3\.00 · minimum €20\.00/)

      await nav.getByRole('link', { name: 'Insights', exact: true }).click()
      // The order above waits for its payment: not revenue yet.
      await page.getByText(/^0 orders, €0\.00; /).waitFor()
      assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /\$\d/)
      await screenshot(page, 'desktop-insights-in-euros')

      // The owner changes the currency in Settings: the menu and the next caller's answer are in it.
      await nav.getByRole('link', { name: 'Settings', exact: true }).click()
      const details = page.getByRole('form', { name: 'Restaurant' })
      const currency = details.getByLabel('Currency')
      await currency.click()
      await currency.fill('GBP')
      await page.getByRole('option', { name: 'GBP · British Pound' }).click()
      await details.getByRole('button', { name: 'Save' }).click()
      await details.getByText('Saved.').waitFor()
      await screenshot(page, 'desktop-settings-currency', { fullPage: false })
      assert.equal((await server.admin('GET', `/api/restaurants/${restaurantId}`)).body.currency, 'GBP')
      await nav.getByRole('link', { name: 'Menu', exact: true }).click()
      await page.getByRole('article', { name: 'Margherita Pizza' }).getByText('£14.00').waitFor()
      const asked = await server.webhook(
        orderToolCall({ tool: 'get_menu_info', args: { query: 'how much is the margherita pizza' } }),
      )
      assert.match(asked.body.results[0].result, /£14\b/)
    })
  })
}

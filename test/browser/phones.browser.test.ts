import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { type Providers, startProviders } from '../../src/modules/phones/phones.test-utils.ts'
import { testBackends } from '../support/database.ts'
import {
  askThroughWebhook,
  type DashboardServer,
  invitedPerson,
  launchBrowser,
  newPage,
  openContext,
  PHONE,
  screenshot,
  scrollsSideways,
  seriousAxeViolations,
  signIn,
  startDashboardServer,
} from './browser.test-utils.ts'

// The operator gives a restaurant a phone number from the Restaurants page: bought from Twilio and
// imported into Vapi (both fakes on loopback, reached by the real clients), and the next call to
// it is answered with that restaurant's menu.
for (const backend of testBackends()) {
  describe(`getting a number from the operator's page, in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let providers: Providers
    let server: DashboardServer
    let browser: Browser
    let page: Page
    let problems: string[]

    before(async () => {
      providers = await startProviders()
      ;[server, browser] = await Promise.all([
        startDashboardServer(backend, { config: providers.config, now: '2026-12-09T17:00:00Z' }),
        launchBrowser(),
      ])
      const created = await server.admin('POST', '/api/restaurants', {
        name: 'Numberless Noodles',
        menu_items: [{ name: 'Dan Dan Noodles', price: 13.5 }],
      })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      await invitedPerson(server, { email: 'numbers.ops@example.test', role: 'operator' })
      ;({ page, problems } = await newPage(
        await openContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true }),
      ))
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
      await providers?.close()
    })

    it('says why when Twilio has no number to sell, then buys one, and its next caller hears that menu', async () => {
      await signIn(page, server, 'numbers.ops@example.test', { pathname: '/restaurants', heading: 'Restaurants' })
      const row = page.getByRole('row', { name: /Numberless Noodles/ })
      const getNumber = row.getByRole('button', { name: 'Get a number for Numberless Noodles' })
      await getNumber.click()
      const refused = page.getByRole('alert').filter({ hasText: 'No number for Numberless Noodles' })
      await refused.getByText('Twilio has no local numbers for sale').waitFor()
      assert.equal(providers.twilio.owned.size, 0, 'nothing bought')

      providers.twilio.available.add('+13125550188')
      await getNumber.click()
      const done = page.getByRole('status').getByText(/^Numberless Noodles answers on \+1\d{10}$/)
      await done.waitFor()
      const number = /\+1\d{10}/.exec((await done.textContent()) ?? '')![0]
      await row.getByText(number).waitFor()
      assert.equal(await row.getByRole('button', { name: /Get a number/ }).count(), 0, 'the button gave way')
      assert.deepEqual(
        [...providers.twilio.owned.values()].map((n) => n.phone_number),
        [number],
        'bought from Twilio',
      )
      const imported = [...providers.vapi.phoneNumbers.values()].filter((n) => n.number === number)
      assert.equal(imported.length, 1, 'imported into Vapi once')
      assert.equal(await scrollsSideways(page), false)
      assert.deepEqual(await seriousAxeViolations(page), [])
      await screenshot(page, 'phone-operator-number')

      const heard = await askThroughWebhook(server, number, 'get_menu_info', 'how much are the dan dan noodles')
      assert.match(heard, /Dan Dan Noodles are \$13\.50/)
      assert.deepEqual(problems, [])
    })
  })
}

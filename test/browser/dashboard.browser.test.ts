import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { loadExampleBundle } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import {
  askThroughWebhook,
  type DashboardServer,
  invitedPerson,
  launchBrowser,
  newPage,
  openContext,
  PASSWORD,
  PHONE,
  pageUrl,
  reportCall,
  screenshot,
  scrollsSideways,
  seriousAxeViolations,
  signIn,
  startDashboardServer,
} from './browser.test-utils.ts'

// The dashboard in a real Chromium against the real server process, on each database.
const BISTRO_NUMBER = '+12125550101'
const NAV = ['Overview', 'Menu', 'Hours', 'Delivery zones', 'Questions', 'Calls', 'Insights', 'Try it', 'Settings']
// Wednesday noon in New York: "Calls today" counts a call of two minutes ago whatever the machine's date.
const NOW = '2026-12-09T17:00:00Z'
const PAGES = ['overview', 'menu', 'hours', 'zones', 'questions', 'calls', 'insights', 'try', 'settings']

for (const backend of testBackends()) {
  describe(`the dashboard in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let browser: Browser
    let bistro: { id: string }
    let ramen: { id: string }
    let desktop: BrowserContext
    let page: Page
    let problems: string[]
    const owners = { bistro: 'owner@petit-bistro.test', ramen: 'owner@sakura-ramen.test' }
    // localhost, as an owner would open it on their own machine.
    const url = (pathname: string) => pageUrl(server, pathname)
    const invitedOwner = (restaurantId: string, email: string) =>
      invitedPerson(server, { email, role: 'owner', restaurantId, name: 'Owner' })

    before(async () => {
      ;[server, browser] = await Promise.all([startDashboardServer(backend, { now: NOW }), launchBrowser()])
      const created = await Promise.all(
        (['petit-bistro', 'sakura-ramen'] as const).map((name) =>
          server.admin('POST', '/api/restaurants', loadExampleBundle(name)),
        ),
      )
      ;[bistro, ramen] = created.map((response) => {
        assert.equal(response.status, 201)
        return response.body
      })
      await invitedOwner(bistro.id, owners.bistro)
      await invitedOwner(ramen.id, owners.ramen)
      desktop = await openContext(browser, server, { viewport: { width: 1280, height: 800 } })
      ;({ page, problems } = await newPage(desktop))
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('signs in with the keyboard alone and shows the main navigation', async () => {
      await page.goto(url('/r/' + bistro.id + '/menu'))
      await page.getByLabel('Email').focus()
      await page.keyboard.type(owners.bistro)
      await page.keyboard.press('Tab')
      await page.keyboard.type(PASSWORD)
      await page.keyboard.press('Enter')
      // The page asked for before signing in, not the home page.
      await page.getByRole('heading', { name: 'Menu', level: 1 }).waitFor()
      const navigation = page.getByRole('navigation', { name: 'Main' })
      for (const name of NAV) assert.equal(await navigation.getByRole('link', { name, exact: true }).count(), 1, name)
      assert.equal(
        await navigation.getByRole('link', { name: 'Restaurants' }).count(),
        0,
        'owners see no operator page',
      )
    })

    it('a price changed on Menu is what Try it shows and what the webhook tells the assistant', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Menu' }).click()
      await page.getByRole('heading', { name: 'Menu', level: 1 }).waitFor()
      const duck = page.getByRole('article', { name: 'Duck Confit' })
      assert.match((await duck.textContent()) ?? '', /\$28\.75/)
      await screenshot(page, 'desktop-menu')
      await page.getByRole('button', { name: 'Edit Duck Confit' }).click()
      const form = page.getByRole('dialog')
      assert.equal(await form.getByLabel('Name', { exact: true }).inputValue(), 'Duck Confit')
      await form.getByLabel('Price').fill('31.50')
      await form.getByRole('button', { name: 'Save' }).click()
      await form.waitFor({ state: 'detached' })
      await duck.getByText('$31.50').waitFor()

      await page.getByRole('link', { name: 'Try it' }).click()
      await page.getByLabel('Question').fill('how much is the duck confit')
      await page.getByRole('button', { name: 'Ask' }).click()
      await page
        .getByRole('region', { name: 'Menu' })
        .getByText(/Duck Confit is \$31\.50/)
        .waitFor()
      await screenshot(page, 'desktop-try-it')
      const heard = await askThroughWebhook(server, BISTRO_NUMBER, 'get_menu_info', 'how much is the duck confit')
      assert.match(heard, /Duck Confit is \$31\.50/)
    })

    it('an item switched off as Available is unavailable to the next caller', async () => {
      await page.getByRole('link', { name: 'Menu' }).click()
      await page.getByRole('button', { name: 'Edit Duck Confit' }).click()
      const form = page.getByRole('dialog')
      await form.getByLabel('Available').uncheck()
      await form.getByRole('button', { name: 'Save' }).click()
      await form.waitFor({ state: 'detached' })
      await page.getByRole('article', { name: 'Duck Confit' }).getByText('Sold out').waitFor()
      const heard = await askThroughWebhook(server, BISTRO_NUMBER, 'get_menu_info', 'can I order the duck confit')
      assert.match(heard, /not available|unavailable|sold out/i)
    })

    it('a call reported to the webhook appears on Calls without a reload, with its transcript', async () => {
      await page.getByRole('link', { name: 'Calls' }).click()
      await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor()
      await reportCall(server, BISTRO_NUMBER, 'browser-call-1')
      const call = page.getByRole('link', { name: /The caller asked whether the restaurant has vegan dishes/ })
      await call.waitFor({ timeout: 15_000 })
      await call.click()
      await page.getByText('Do you have vegan dishes?').waitFor()
      assert.match((await page.locator('main').textContent()) ?? '', /Summary[\s\S]*vegan dishes/)
      await screenshot(page, 'desktop-call')
    })

    it('Overview shows the calls, the live number, whether it is open and what callers asked unanswered', async () => {
      await askThroughWebhook(server, BISTRO_NUMBER, 'get_menu_info', 'do you have a kids menu')
      // The webhook records tool calls after answering: wait until insights count it.
      for (let tries = 0; tries < 50; tries++) {
        const insights = await server.admin('GET', `/api/restaurants/${bistro.id}/insights`)
        const questions = insights.body.unanswered.map((entry: { question: string }) => entry.question)
        if (questions.includes('do you have a kids menu')) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await page.getByRole('link', { name: 'Overview', exact: true }).click()
      const main = page.locator('main')
      await main.getByText('“do you have a kids menu”').waitFor()
      const today = main.locator('.mantine-Card-root', { hasText: 'Calls today' })
      assert.match((await today.textContent()) ?? '', /Calls today\s*1\b/)
      assert.match((await main.textContent()) ?? '', /\+12125550101\s*Live/)
      assert.match((await main.textContent()) ?? '', /(open|closed)/i)
      await main.getByRole('link', { name: /vegan dishes/ }).waitFor()
      await main.getByRole('link', { name: 'Answer “do you have a kids menu”' }).click()
      await page.getByRole('heading', { name: 'Questions', level: 1 }).waitFor()
      const answering = page.getByRole('dialog', { name: 'Answer a caller’s question' })
      assert.equal(await answering.getByLabel('Question').inputValue(), 'do you have a kids menu')
      await page.keyboard.press('Escape')
      await answering.waitFor({ state: 'detached' })
      await page.getByRole('link', { name: 'Overview', exact: true }).click()
      await main.getByText('“do you have a kids menu”').waitFor()
      await screenshot(page, 'desktop-overview')
    })

    it('Settings saves the details, lists the staff and invites a new member with a single-use link', async () => {
      await page.getByRole('link', { name: 'Settings', exact: true }).click()
      await page.locator('main').getByText(owners.bistro).waitFor()
      await page.getByRole('button', { name: 'Save' }).first().click()
      await page.getByRole('status').getByText('Saved.', { exact: true }).waitFor()
      await page.getByLabel('Invite by email').fill('cook@petit-bistro.test')
      await page.getByRole('button', { name: 'Send invite' }).click()
      const link = await page
        .getByRole('status')
        .filter({ hasText: 'cook@petit-bistro.test' })
        .locator('pre')
        .textContent()
      const token = new URL(link ?? '').searchParams.get('token') ?? new URL(link ?? '').hash.split('token=')[1]
      const accepted = await server.call('POST', '/api/auth/accept-invite', { token, password: PASSWORD })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
      assert.deepEqual(
        accepted.body.restaurants.map((r: { id: string; role: string }) => [r.id, r.role]),
        [[bistro.id, 'staff']],
      )
    })

    it('the interactive API documentation still works beside the strict policy of the pages', async () => {
      const { page: docs, problems: docsProblems } = await newPage(desktop)
      await docs.goto(url('/docs'))
      await docs.getByText('Restaurant voice backend').first().waitFor()
      await docs.close()
      assert.deepEqual(docsProblems, [])
    })

    it("an owner of one restaurant cannot open another's pages", async () => {
      for (const section of ['menu', 'calls', 'settings']) {
        await page.goto(url(`/r/${ramen.id}/${section}`))
        await page.getByRole('heading', { name: 'Not found, or not yours to see' }).waitFor()
        assert.doesNotMatch((await page.locator('body').textContent()) ?? '', /Sakura|Ramen/i)
      }
      const response = await page.request.get(url(`/api/restaurants/${ramen.id}/menu-items`))
      assert.equal(response.status(), 404)
    })

    it('every page fits a 390 px phone, passes axe-core and reports no error', async () => {
      const phone = await openContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true })
      try {
        const { page: mobile, problems: mobileProblems } = await newPage(phone)
        await mobile.goto(url('/'))
        await mobile.getByLabel('Email').waitFor()
        assert.deepEqual(await seriousAxeViolations(mobile), [], 'sign-in page')
        await screenshot(mobile, 'phone-sign-in')
        await signIn(mobile, server, owners.bistro)
        for (const section of PAGES) {
          await mobile.goto(url(`/r/${bistro.id}/${section}`))
          await mobile.getByRole('heading', { level: 1 }).waitFor()
          await mobile.waitForLoadState('networkidle')
          assert.equal(await scrollsSideways(mobile), false, `${section} scrolls sideways`)
          assert.deepEqual(await seriousAxeViolations(mobile), [], `${section}: axe`)
          await screenshot(mobile, `phone-${section}`)
        }
        // The phone menu opens from the burger and leads to a page.
        await mobile.getByRole('button', { name: 'Open navigation' }).click()
        await mobile.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Menu' }).click()
        await mobile.getByRole('heading', { name: 'Menu', level: 1 }).waitFor()
        assert.deepEqual(mobileProblems, [])
      } finally {
        await phone.close()
      }
      assert.deepEqual(problems, [])
    })
  })
}

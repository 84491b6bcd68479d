import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
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
  PHONE,
  pageUrl,
  reportCall,
  screenshot,
  scrollsSideways,
  seriousAxeViolations,
  signIn,
  startDashboardServer,
} from './browser.test-utils.ts'

// The owner teaches the assistant from the dashboard: an answer to a caller's question, a holiday,
// a dish sold out tonight; the next call through the webhook hears each one.
const BISTRO_NUMBER = '+12125550101'
const OWNER = 'owner@petit-bistro.test'
const TIME_ZONE = 'America/New_York'
// Wednesday noon in New York, the server's and the browser's clock.
const NOW = '2026-12-09T17:00:00Z'

/** A date about ten days after `now`, in the restaurant's zone, on a weekday it is normally open (not Monday). */
function upcomingOpenDate(now: Date) {
  for (let days = 10; ; days++) {
    const date = new Date(now.getTime() + days * 86_400_000)
    const weekday = date.toLocaleDateString('en-US', { timeZone: TIME_ZONE, weekday: 'long' })
    if (weekday === 'Monday') continue
    const iso = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, dateStyle: 'short' }).format(date)
    const spoken = date.toLocaleDateString('en-US', { timeZone: TIME_ZONE, month: 'long', day: 'numeric' })
    return { iso, spoken }
  }
}

for (const backend of testBackends()) {
  describe(`knowledge the owner controls, in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let browser: Browser
    let bistro: { id: string }
    let context: BrowserContext
    let page: Page
    let problems: string[]
    const url = (pathname: string) => pageUrl(server, pathname)

    async function waitForUnanswered(question: string) {
      // The webhook records tool calls after answering: wait until the insights list it.
      for (let tries = 0; tries < 100; tries++) {
        const insights = await server.admin('GET', `/api/restaurants/${bistro.id}/insights`)
        if (insights.body.unanswered.some((entry: { question: string }) => entry.question === question)) return
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      assert.fail(`"${question}" never reached the unanswered list`)
    }

    before(async () => {
      ;[server, browser] = await Promise.all([startDashboardServer(backend, { now: NOW }), launchBrowser()])
      const created = await server.admin('POST', '/api/restaurants', loadExampleBundle('petit-bistro'))
      assert.equal(created.status, 201, JSON.stringify(created.body))
      bistro = created.body
      await invitedPerson(server, { email: OWNER, role: 'owner', restaurantId: bistro.id })
      // A phone, as owners use it between services.
      context = await openContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true })
      ;({ page, problems } = await newPage(context))
      await signIn(page, server, OWNER)
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
    })

    async function checkPage(name: string, target = page) {
      await target.waitForLoadState('networkidle')
      assert.equal(await scrollsSideways(target), false, `${name} scrolls sideways`)
      assert.deepEqual(await seriousAxeViolations(target), [], `${name}: axe`)
      await screenshot(target, `phone-knowledge-${name}`)
      await screenshot(target, `phone-knowledge-${name}-viewport`, { fullPage: false })
    }

    it("an owner answers a caller's unanswered question and the next caller hears the answer", async () => {
      const question = 'is there parking nearby'
      assert.match(await askThroughWebhook(server, BISTRO_NUMBER, 'get_restaurant_info', question), /don't know/i)
      await waitForUnanswered(question)

      await page.goto(url(`/r/${bistro.id}/questions`))
      await page.getByRole('heading', { name: 'Questions', level: 1 }).waitFor()
      const answerButton = page.getByRole('button', { name: `Answer “${question}”` })
      await answerButton.waitFor()
      await checkPage('questions-unanswered')
      await answerButton.click()
      const form = page.getByRole('dialog', { name: 'Answer a caller’s question' })
      assert.equal(await form.getByLabel('Question').inputValue(), question)
      await form.getByLabel('Answer').fill('Yes, there is free parking behind the restaurant after 5 PM.')
      await checkPage('questions-answer-form')
      await form.getByRole('button', { name: 'Save' }).click()
      await form.waitFor({ state: 'detached' })
      await page
        .getByRole('article', { name: question })
        .getByText(/free parking behind/)
        .waitFor()
      await answerButton.waitFor({ state: 'detached' })
      await checkPage('questions')

      const heard = await askThroughWebhook(server, BISTRO_NUMBER, 'get_restaurant_info', question)
      assert.match(heard, /free parking behind the restaurant/)
      const insights = await server.admin('GET', `/api/restaurants/${bistro.id}/insights`)
      assert.equal(
        insights.body.unanswered.some((entry: { question: string }) => entry.question === question),
        false,
        'the answered question left the open list',
      )
    })

    it('a holiday added as a closed special date on Hours is what get_hours_info answers', async () => {
      const holiday = upcomingOpenDate(server.clock.now())
      const asked = `are you open on ${holiday.spoken}`
      assert.doesNotMatch(await askThroughWebhook(server, BISTRO_NUMBER, 'get_hours_info', asked), /closed/i)

      await page.goto(url(`/r/${bistro.id}/hours`))
      await page.getByRole('heading', { name: 'Hours', level: 1 }).waitFor()
      // Clicked once the page has settled: its last parts (what the assistant says now, the special
      // dates) arrive in separate requests and move the button down as they do.
      await page.getByText('Right now the assistant says').waitFor()
      await page.getByText('No special dates coming up').waitFor()
      await page.getByRole('button', { name: 'Add special date' }).click()
      const form = page.getByRole('dialog', { name: 'Add special date' })
      await form.getByLabel('Date').fill(holiday.iso)
      await form.getByLabel('Name').fill('Staff holiday')
      assert.equal(await form.getByLabel('Closed all day').isChecked(), true, 'a new special date starts closed')
      await checkPage('hours-special-date-form')
      await form.getByRole('button', { name: 'Save' }).click()
      await form.waitFor({ state: 'detached' })
      await page
        .getByRole('article', { name: /Staff holiday/ })
        .getByText('Closed')
        .waitFor()
      await checkPage('hours')

      const heard = await askThroughWebhook(server, BISTRO_NUMBER, 'get_hours_info', asked)
      assert.match(heard, new RegExp(`${holiday.spoken}, Staff holiday, we're closed; we open again`))
    })

    it('an item marked sold out tonight is unavailable to the next caller and shows when it is back', async () => {
      await page.goto(url(`/r/${bistro.id}/menu`))
      await page.getByRole('heading', { name: 'Menu', level: 1 }).waitFor()
      const duck = page.getByRole('article', { name: 'Duck Confit' })
      await duck.getByRole('button', { name: 'Sold out tonight: Duck Confit' }).click()
      await duck.getByText('Sold out').waitFor()
      await duck.getByText(/^back at \w{3}, \w{3} \d+, \d+:\d\d [AP]M$/).waitFor()
      await duck.scrollIntoViewIfNeeded()
      await checkPage('menu-sold-out')

      const heard = await askThroughWebhook(server, BISTRO_NUMBER, 'get_menu_info', 'can I order the duck confit')
      assert.match(heard, /not available|unavailable|sold out/i)
      const items = await server.admin('GET', `/api/restaurants/${bistro.id}/menu-items`)
      const item = items.body.data.find((entry: { name: string }) => entry.name === 'Duck Confit')
      assert.equal(item.available, false)
      // Back at the first opening after today, as the assistant's own schedule code computes it.
      const status = await server.admin('GET', `/api/restaurants/${bistro.id}/open-status`)
      assert.equal(status.status, 200)
      assert.ok(Date.parse(status.body.next_opening_after_today) > server.clock.now().getTime())
      assert.equal(item.available_again_at, status.body.next_opening_after_today)
    })

    it('a menu imported from a bundle file replaces the menu, after a confirmation, and keeps the rest', async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'menu-import-')), 'sakura-ramen.json')
      writeFileSync(file, JSON.stringify(loadExampleBundle('sakura-ramen')))
      await page.goto(url(`/r/${bistro.id}/menu`))
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Import menu' }).click(),
      ])
      await chooser.setFiles(file)
      const confirm = page.getByRole('dialog', { name: 'Replace the whole menu?' })
      assert.match((await confirm.textContent()) ?? '', /15 dishes now → 14 from the file/)
      await checkPage('menu-import-confirm')
      await confirm.getByRole('button', { name: 'Replace menu' }).click()
      await confirm.waitFor({ state: 'detached' })
      await page.getByRole('article', { name: 'Tonkotsu Ramen' }).getByText('$16.50').waitFor()
      assert.equal(await page.getByRole('article', { name: 'Duck Confit' }).count(), 0)
      await page.getByRole('article', { name: 'Extra Chashu' }).waitFor()

      const heard = await askThroughWebhook(server, BISTRO_NUMBER, 'get_menu_info', 'how much is the tonkotsu ramen')
      assert.match(heard, /Tonkotsu Ramen is \$16\.50/)
      const faqs = await server.admin('GET', `/api/restaurants/${bistro.id}/faqs`)
      assert.equal(faqs.body.data.length, 1, 'the questions were kept')
      const special = await server.admin('GET', `/api/restaurants/${bistro.id}/special-dates`)
      assert.equal(special.body.data.length, 1, 'the special dates were kept')
      assert.deepEqual(problems, [])
    })

    it("the operator assigns an unrouted call's number to a restaurant, and its next call is answered", async () => {
      const number = '+12125550177'
      await reportCall(server, number, `unrouted-${randomUUID()}`)
      await invitedPerson(server, { email: 'ops@example.test', role: 'operator' })
      const operatorContext = await openContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true })
      try {
        const { page: operator, problems: operatorProblems } = await newPage(operatorContext)
        await signIn(operator, server, 'ops@example.test', { pathname: '/restaurants', heading: 'Restaurants' })
        const unrouted = operator.getByRole('article', { name: number })
        await unrouted.getByText(/1 call, last/).waitFor()
        await checkPage('operator', operator)
        await unrouted.getByRole('button', { name: `Assign ${number}` }).click()
        assert.equal(await operator.getByLabel('Phone number').inputValue(), number)
        await operator.getByLabel('Restaurant').selectOption({ label: 'Le Petit Bistro' })
        await operator.getByRole('button', { name: 'Assign', exact: true }).click()
        await operator.getByRole('status').getByText(`${number} now reaches Le Petit Bistro.`).waitFor()
        assert.deepEqual(operatorProblems, [])
      } finally {
        await operatorContext.close()
      }
      const heard = await askThroughWebhook(server, number, 'get_menu_info', 'how much is the tonkotsu ramen')
      assert.match(heard, /Tonkotsu Ramen is \$16\.50/)
    })

    it("a spreadsheet's CSV replaces the dishes, after a confirmation; a row it cannot read stops it", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'menu-csv-'))
      const choose = async (name: string, text: string) => {
        const file = path.join(dir, name)
        writeFileSync(file, text)
        const [chooser] = await Promise.all([
          page.waitForEvent('filechooser'),
          page.getByRole('button', { name: 'Import menu' }).click(),
        ])
        await chooser.setFiles(file)
      }
      await page.goto(url(`/r/${bistro.id}/menu`))
      await page.getByRole('heading', { name: 'Menu', level: 1 }).waitFor()
      await choose('broken.csv', 'Name,Price\nShoyu Ramen,14\nGyoza,ask us\n')
      await page.getByRole('alert').getByText('Row 3 (Gyoza): "ask us" is not a price.').waitFor()

      await choose(
        'menu.csv',
        'Name,Price,Category,Description,Available\n' +
          'Spicy Miso Ramen,$15.00,Ramen,"Miso broth, chili oil",yes\n' +
          'Shoyu Ramen,14,Ramen,,yes\n' +
          'Edamame,5,Starters,,no\n',
      )
      const confirm = page.getByRole('dialog', { name: 'Replace the whole menu?' })
      assert.match((await confirm.textContent()) ?? '', /menu\.csv replaces the menu callers hear/)
      assert.match((await confirm.textContent()) ?? '', /14 dishes now → 3 from the file/)
      await confirm.getByRole('button', { name: 'Replace menu' }).click()
      await confirm.waitFor({ state: 'detached' })
      await page.getByRole('article', { name: 'Spicy Miso Ramen' }).getByText('$15.00').waitFor()
      assert.equal(await page.getByRole('article', { name: 'Tonkotsu Ramen' }).count(), 0)
      await page.getByRole('article', { name: 'Extra Chashu' }).waitFor() // options are not in a CSV: kept
      const heard = await askThroughWebhook(server, BISTRO_NUMBER, 'get_menu_info', 'how much is the spicy miso ramen')
      assert.match(heard, /Spicy Miso Ramen is \$15\b/)
      assert.deepEqual(problems, [])
    })
  })
}

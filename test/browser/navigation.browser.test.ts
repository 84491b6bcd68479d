import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Locator, Page } from 'playwright-core'
import { loadExampleBundle } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import {
  type DashboardServer,
  invitedPerson,
  launchBrowser,
  newPage,
  openContext,
  pageUrl,
  seriousAxeViolations,
  signIn,
  startDashboardServer,
} from './browser.test-utils.ts'

// The main navigation as a person sees it, link by link: at rest, under the pointer, focused from
// the keyboard and pressed, for the current page's link and another. axe judges each state (a
// hovered link has other colours than one at rest). The colours are the theme's, not the data's,
// so one database is enough.

const [pglite] = testBackends()
const EMAIL = 'owner@nav.test'
const NOW = '2026-12-09T17:00:00Z'

describe('the main navigation in every state', { timeout: 180_000 }, () => {
  let server: DashboardServer
  let browser: Browser
  let page: Page
  let problems: string[]
  let restaurantId = ''

  before(async () => {
    ;[server, browser] = await Promise.all([startDashboardServer(pglite!, { now: NOW }), launchBrowser()])
    const created = await server.admin('POST', '/api/restaurants', loadExampleBundle('petit-bistro'))
    assert.equal(created.status, 201)
    restaurantId = created.body.id
    await invitedPerson(server, { email: EMAIL, role: 'owner', restaurantId, name: 'Owner' })
    const context = await openContext(browser, server, { viewport: { width: 1280, height: 800 } })
    ;({ page, problems } = await newPage(context))
    await signIn(page, server, EMAIL, { pathname: `/r/${restaurantId}/overview` })
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** axe on the page while `link` is in `state`; the pointer and the button are let go after. */
  async function violationsWhile(link: Locator, state: 'rest' | 'hover' | 'focus' | 'pressed') {
    await page.mouse.move(1200, 790)
    if (state === 'hover') await link.hover()
    if (state === 'focus') {
      // Focused from the keyboard (focus-visible), as a person tabbing through the links.
      await link.focus()
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Tab')
    }
    if (state === 'pressed') {
      await link.hover()
      await page.mouse.down()
    }
    try {
      return await seriousAxeViolations(page)
    } finally {
      // Released away from the link, so that pressing it does not follow it.
      await page.mouse.move(1200, 790)
      if (state === 'pressed') await page.mouse.up()
    }
  }

  for (const [heading, path, other] of [
    ['Overview', 'overview', 'Menu'],
    ['Menu', 'menu', 'Overview'],
  ] as const) {
    it(`passes axe on ${heading} with its link and another at rest, hovered, focused and pressed`, async () => {
      await page.goto(pageUrl(server, `/r/${restaurantId}/${path}`))
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
      const navigation = page.getByRole('navigation', { name: 'Main' })
      const current = navigation.getByRole('link', { name: heading, exact: true })
      assert.equal(await current.getAttribute('aria-current'), 'page')
      for (const link of [current, navigation.getByRole('link', { name: other, exact: true })]) {
        for (const state of ['rest', 'hover', 'focus', 'pressed'] as const) {
          const name = await link.textContent()
          assert.deepEqual(await violationsWhile(link, state), [], `${name} link, ${state}`)
        }
      }
      assert.equal(page.url(), pageUrl(server, `/r/${restaurantId}/${path}`), 'pressing a link never followed it')
      assert.deepEqual(problems, [])
    })
  }
})

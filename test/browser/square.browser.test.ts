import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { FRIDAY_5PM, pizzeriaBundle } from '../../src/modules/orders/orders.test-utils.ts'
import { squareCatalog } from '../../src/modules/pos/square/square.test-utils.ts'
import { type FakeSquare, startFakeSquare } from '../fakes/fake-square.ts'
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

// Settings → Connect Square in a real Chromium: Square's approval page (the fake approves at once)
// sends the owner back to Settings, connected; Sync now brings the menu in and says what changed.
const OWNER = 'owner@nonnas-pizzeria.test'

for (const backend of testBackends()) {
  describe(`Connect Square in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let browser: Browser
    let page: Page
    let problems: string[]
    let square: FakeSquare
    let pizzeria: { id: string }

    before(async () => {
      square = await startFakeSquare()
      square.catalog.push(...squareCatalog(12))
      const config = {
        square: {
          applicationId: square.applicationId,
          applicationSecret: square.applicationSecret,
          baseUrl: square.url,
        },
        secretsKey: 'test-secrets-key-for-square-tokens',
      }
      ;[server, browser] = await Promise.all([
        startDashboardServer(backend, { now: FRIDAY_5PM, config }),
        launchBrowser(),
      ])
      const created = await server.admin('POST', '/api/restaurants', pizzeriaBundle())
      pizzeria = created.body
      await invitedPerson(server, { email: OWNER, role: 'owner', restaurantId: pizzeria.id, name: 'Owner' })
      ;({ page, problems } = await newPage(
        await openContext(browser, server, { viewport: { width: 1280, height: 900 } }),
      ))
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
      await square?.close()
    })

    it('connects through Square and syncs the menu from Settings', async () => {
      await signIn(page, server, OWNER)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click()
      await page.getByRole('heading', { name: 'Square point of sale' }).waitFor()
      await page.getByRole('button', { name: 'Connect Square' }).click()
      await page.waitForURL(/\/settings\?square=connected$/)
      await page.getByText('Connected', { exact: true }).waitFor()
      await page.getByRole('button', { name: 'Sync now' }).click()
      await page.getByText('20 dishes and 5 options updated, 0 unchanged, 0 removed.').waitFor()
      await page.getByText(/Synced · last synced/).waitFor()
      await screenshot(page, 'settings-square')
      const menu = await server.call('GET', `/api/restaurants/${pizzeria.id}/menu-items`, undefined, {
        cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
      })
      assert.ok(menu.body.data.some((item: { name: string }) => item.name === 'Diavola (Large)'))
      assert.deepEqual(problems, [])
    })
  })
}

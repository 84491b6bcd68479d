import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { loadExampleBundle } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import {
  type DashboardServer,
  invitedPerson,
  launchBrowser,
  newPage,
  openContext,
  reportCall,
  screenshot,
  seriousAxeViolations,
  signIn,
  startDashboardServer,
} from './browser.test-utils.ts'

// A message left by phone (through the webhook) shows on the Messages page with its call, and is marked done.
const BISTRO_NUMBER = '+12125550101'
const OWNER = 'owner@petit-bistro.test'
// Wednesday noon in New York, the server's and the browser's clock.
const NOW = '2026-12-09T17:00:00Z'

for (const backend of testBackends()) {
  describe(`the Messages page in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let browser: Browser
    let bistro: { id: string }

    async function leave(callId: string, tool: string, args: Record<string, unknown>) {
      const caller = '+12125550177'
      const response = await server.webhook({
        message: {
          type: 'tool-calls',
          call: { id: callId, customer: { number: caller } },
          phoneNumber: { number: BISTRO_NUMBER },
          customer: { number: caller },
          toolCallList: [{ id: randomUUID(), type: 'function', function: { name: tool, arguments: args } }],
        },
      })
      assert.equal(response.status, 200)
      return response.body.results[0].result as string
    }

    before(async () => {
      ;[server, browser] = await Promise.all([startDashboardServer(backend, { now: NOW }), launchBrowser()])
      const created = await server.admin('POST', '/api/restaurants', loadExampleBundle('petit-bistro'))
      assert.equal(created.status, 201)
      bistro = created.body
      await invitedPerson(server, { email: OWNER, role: 'owner', restaurantId: bistro.id })
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('shows a message and a catering request with their call, and marks one done', async () => {
      const callId = randomUUID()
      assert.match(
        await leave(callId, 'take_message', { name: 'Ana Lopez', reason: 'She left her scarf at table 6' }),
        /^Your message is with the staff/,
      )
      await reportCall(server, BISTRO_NUMBER, callId)
      assert.match(
        await leave(randomUUID(), 'request_event', { kind: 'catering', name: 'Ben Okafor', party_size: 40 }),
        /^The catering request \(40 people\) is with the staff/,
      )
      const desktop = await openContext(browser, server, { viewport: { width: 1280, height: 800 } })
      try {
        const { page, problems } = await newPage(desktop)
        await signIn(page, server, OWNER)
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click()
        await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor()
        const list = page.getByRole('list', { name: 'Messages' })
        const ana = list.getByRole('listitem').filter({ hasText: 'Ana Lopez' })
        await ana.getByText('She left her scarf at table 6').waitFor()
        // Newest first: the catering request came after the message.
        assert.match((await list.getByRole('listitem').first().textContent()) ?? '', /Catering.*Ben Okafor.*40 people/)
        assert.match((await ana.textContent()) ?? '', /Call back: \+12125550177/)
        const callLink = ana.getByRole('link', { name: 'Open the call' })
        assert.match((await callLink.getAttribute('href')) ?? '', new RegExp(`^/r/${bistro.id}/calls/[0-9a-f-]{36}$`))
        assert.deepEqual(await seriousAxeViolations(page), [])
        await screenshot(page, 'desktop-messages')

        await ana.getByRole('button', { name: /^Mark done/ }).click()
        await ana.waitFor({ state: 'detached' })
        await page.getByText('Done', { exact: true }).click()
        const done = list.getByRole('listitem').filter({ hasText: 'Ana Lopez' })
        await done.getByRole('button', { name: /^Reopen/ }).waitFor()
        const stored = await server.admin('GET', `/api/restaurants/${bistro.id}/messages?status=done`)
        assert.deepEqual(
          stored.body.data.map((m: { name: string }) => m.name),
          ['Ana Lopez'],
        )
        await screenshot(page, 'desktop-messages-done')
        assert.deepEqual(problems, [])
      } finally {
        await desktop.close()
      }
    })
  })
}

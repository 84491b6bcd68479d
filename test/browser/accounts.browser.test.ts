import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { type FakeSmtp, startFakeSmtp } from '../fakes/fake-smtp.ts'
import { testBackends } from '../support/database.ts'
import {
  type DashboardServer,
  launchBrowser,
  newPage,
  openContext,
  PASSWORD,
  PHONE,
  pageUrl,
  screenshot,
  scrollsSideways,
  seriousAxeViolations,
  startDashboardServer,
} from './browser.test-utils.ts'

// A person's own account in a real Chromium, from the links in their email: accepting an invite,
// changing the password while signed in (other devices signed out), and resetting a forgotten one.
const EMAIL = 'new.owner@tacos.test'
const CHANGED = 'a changed passphrase'
const RESET = 'a passphrase chosen by link'

// Invites, reset links and sessions expire by the server's clock: it starts at a chosen hour.
const NOW = '2026-12-09T17:00:00Z'

for (const backend of testBackends()) {
  describe(`a person's account in a browser on ${backend.name}`, { timeout: 180_000 }, () => {
    let server: DashboardServer
    let smtp: FakeSmtp
    let browser: Browser
    let page: Page
    let problems: string[]
    let restaurantId: string

    before(async () => {
      smtp = await startFakeSmtp()
      const config = { smtpUrl: smtp.url, mailFrom: 'Assistant <no-reply@example.com>' }
      ;[server, browser] = await Promise.all([startDashboardServer(backend, { config, now: NOW }), launchBrowser()])
      const created = await server.admin('POST', '/api/restaurants', { name: 'Taqueria Luz' })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      restaurantId = created.body.id
      ;({ page, problems } = await newPage(
        await openContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true }),
      ))
    })
    after(async () => {
      await browser?.close()
      await server?.stop()
      await smtp?.close()
    })

    it('accepts an invite from its emailed link with a name and a password, and opens the dashboard', async () => {
      const invite = await server.admin('POST', `/api/restaurants/${restaurantId}/invites`, {
        email: EMAIL,
        role: 'owner',
      })
      assert.equal(invite.status, 201, JSON.stringify(invite.body))
      const mail = await smtp.waitForMail(EMAIL)
      const link = /\/accept-invite#token=[A-Za-z0-9_-]+/.exec(mail.text)
      assert.ok(link, mail.text)

      await page.goto(pageUrl(server, link[0]))
      await page.getByRole('heading', { name: 'Join Taqueria Luz', level: 1 }).waitFor()
      await page.getByText(`As owner, signing in as ${EMAIL}.`).waitFor()
      assert.deepEqual(await seriousAxeViolations(page), [], 'accept-invite page')
      await page.getByLabel('Your name').fill('Luz')
      await screenshot(page, 'phone-accept-invite')
      const password = page.getByLabel('Password', { exact: true })
      await password.fill('too short')
      await page.getByRole('button', { name: 'Accept invite' }).click()
      // The browser holds a password under 10 characters back; nothing was sent.
      assert.equal(await password.evaluate((input: HTMLInputElement) => input.validity.valid), false)
      await password.fill(PASSWORD)
      await page.getByRole('button', { name: 'Accept invite' }).click()
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()
      assert.equal(await scrollsSideways(page), false)
      const members = await server.admin('GET', `/api/restaurants/${restaurantId}/members`)
      assert.deepEqual(
        members.body.data.map((m: { email: string; name: string; role: string }) => [m.email, m.name, m.role]),
        [[EMAIL, 'Luz', 'owner']],
        'the name chosen on the page is the member name',
      )

      // The link works once: opened again, it says so at once.
      const other = await openContext(browser, server)
      const used = await other.newPage()
      await used.goto(pageUrl(server, link[0]))
      await used.getByRole('alert').getByText('invalid, already used or expired').waitFor()
      assert.equal(await used.getByRole('button', { name: 'Accept invite' }).count(), 0)
      await other.close()
      assert.deepEqual(problems, [])
    })

    it('changes the password from Account, explains a wrong current one, and signs other devices out', async () => {
      const laptop = await openContext(browser, server, { viewport: { width: 1280, height: 800 } })
      const elsewhere = await laptop.newPage()
      await elsewhere.goto(pageUrl(server, '/'))
      await elsewhere.getByLabel('Email').fill(EMAIL)
      await elsewhere.getByLabel('Password').fill(PASSWORD)
      await elsewhere.getByRole('button', { name: 'Sign in' }).click()
      await elsewhere.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()

      await page.getByRole('button', { name: 'Open navigation' }).click()
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click()
      await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor()
      await page.getByText('Signed in as new.owner@tacos.test').waitFor()
      const card = page.getByRole('form', { name: 'Change password' })
      await card.getByLabel('Current password', { exact: true }).fill('not my password')
      await card.getByLabel('New password', { exact: true }).fill(CHANGED)
      await card.getByLabel('New password, again', { exact: true }).fill(`${CHANGED}!`)
      await card.getByText('The two new passwords differ').waitFor()
      assert.equal(await card.getByRole('button', { name: 'Change password' }).isDisabled(), true)
      await card.getByLabel('New password, again', { exact: true }).fill(CHANGED)
      await card.getByRole('button', { name: 'Change password' }).click()
      await card.getByRole('alert').getByText('That is not your current password.').waitFor()

      await card.getByLabel('Current password', { exact: true }).fill(PASSWORD)
      await card.getByRole('button', { name: 'Change password' }).click()
      await card.getByRole('status').getByText('Password changed.').waitFor()
      assert.equal(await card.getByLabel('Current password', { exact: true }).inputValue(), '', 'fields cleared')
      assert.deepEqual(await seriousAxeViolations(page), [], 'account page')
      await screenshot(page, 'phone-account')

      await elsewhere.reload()
      await elsewhere.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
      await laptop.close()
      // This phone is still signed in.
      await page.getByRole('button', { name: 'Open navigation' }).click()
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Menu' }).click()
      await page.getByRole('heading', { name: 'Menu', level: 1 }).waitFor()
      assert.deepEqual(problems, [])
    })

    it('resets a forgotten password with the emailed link and signs in with the new one', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
      await page.getByRole('link', { name: 'Forgot your password?' }).click()
      await page.getByRole('heading', { name: 'Reset your password', level: 1 }).waitFor()
      await page.getByLabel('Email').fill(EMAIL)
      await page.getByRole('button', { name: 'Send reset link' }).click()
      await page.getByRole('status').getByText(`If ${EMAIL} has an account, a link is on its way.`).waitFor()
      const mail = await smtp.waitForMail(EMAIL, { subject: /Reset/ })
      const link = /\/reset-password#token=[A-Za-z0-9_-]+/.exec(mail.text)
      assert.ok(link, mail.text)

      await page.goto(pageUrl(server, link[0]))
      await page.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor()
      await page.getByLabel('New password', { exact: true }).fill(RESET)
      await screenshot(page, 'phone-reset-password')
      await page.getByRole('button', { name: 'Set new password' }).click()
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()

      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByLabel('Email').fill(EMAIL)
      await page.getByLabel('Password').fill(CHANGED)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('alert').getByText('Wrong email or password').waitFor()
      await page.getByLabel('Password').fill(RESET)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()
      // The browser's own 401 for the wrong password is the only failed request.
      assert.deepEqual(problems, [])
    })
  })
}

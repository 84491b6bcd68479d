import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { npmStart, type StartedServer, waitForHealth } from '../support/npm-start.ts'
import { launchBrowser, newPage, PASSWORD, screenshot, seriousAxeViolations } from './browser.test-utils.ts'

// A newcomer's first minutes, as the README tells them: `npm start` on a fresh data directory,
// the dashboard in a browser, and nothing else. The way in is on the sign-in page and in the
// console; nothing in the browser alone gets anyone in.
const EMAIL = 'first.operator@example.com'
const SETUP_LINK = /http:\/\/localhost:\d+\/accept-invite#token=[A-Za-z0-9_-]{43}/

describe('the first sign-in on a new install, in a browser', { timeout: 300_000 }, () => {
  let server: StartedServer
  let browser: Browser
  let link: string
  before(async () => {
    // Built once here, so that `npm start` does not rebuild it while another test starts one too.
    assert.equal(spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' }).status, 0)
    ;[server, browser] = await Promise.all([npmStart(), launchBrowser()])
    await waitForHealth(server)
  })
  after(async () => {
    await browser?.close()
    await server?.kill()
  })
  const home = () => `http://localhost:${server.port}/`

  it('prints a one-time setup link in the console at start', async () => {
    // Printed right after the server listens: allow the line a moment to reach the pipe.
    for (let i = 0; i < 50 && !SETUP_LINK.test(server.output()); i++) await new Promise((r) => setTimeout(r, 100))
    link = SETUP_LINK.exec(server.output())?.[0] ?? ''
    assert.ok(link, server.output())
    assert.match(server.output(), /No operator account exists yet/)
  })

  it('the sign-in page says where the way in is', async () => {
    const { page, problems } = await newPage(await browser.newContext())
    await page.goto(home())
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
    await page.getByText("Open the setup link printed in the server's console").waitFor()
    assert.deepEqual(await seriousAxeViolations(page), [])
    await screenshot(page, 'first-run-sign-in')
    assert.deepEqual(problems, [])
  })

  it('the setup link creates the first operator with the chosen email and password, and signs them in', async () => {
    const { page, problems } = await newPage(await browser.newContext())
    await page.goto(link)
    await page.getByRole('heading', { name: 'Create the first operator', level: 1 }).waitFor()
    await page.getByLabel('Email').fill(EMAIL)
    await page.getByLabel('Your name').fill('Ada')
    // Exact: the show-password toggle is labelled too.
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Restaurants', level: 1 }).waitFor()
    assert.deepEqual(problems, [])
  })

  it('then the link is spent, the hint is gone, and the operator signs in with the password', async () => {
    const { page, problems } = await newPage(await browser.newContext())
    await page.goto(link)
    await page.getByRole('alert').filter({ hasText: 'This invite cannot be used' }).waitFor()
    await page.goto(home())
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor()
    await page.getByLabel('Email').fill(EMAIL)
    await page.getByLabel('Password').fill(PASSWORD)
    assert.equal(await page.getByText('First time here?').count(), 0)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Restaurants', level: 1 }).waitFor()
    assert.deepEqual(problems, [])
  })
})

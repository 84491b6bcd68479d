import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { endOfCallReport } from '../../src/modules/calls/calls.test-utils.ts'
import { toolCall, toolCallsMessage } from '../../src/modules/vapi/vapi-test-utils.ts'
import { admin, createTestApp, type TestAppOptions, vapi } from '../support/app.ts'
import { clockFrom } from '../support/clock.ts'
import type { Backend } from '../support/database.ts'

export const SCREENSHOT_DIR = path.resolve('.tmp/screenshots')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const PHONE = { width: 390, height: 844 }

/**
 * The production app with the built dashboard, listening on a loopback port, on a test database
 * of `backend`. In process rather than `npm start` in a child: a child migrates a new embedded
 * database on every start (a minute on a busy two-core machine); this reuses the migrated template.
 * Its clock starts at `now` (the test's own date and hour) and runs on; browser contexts opened
 * with `openContext` share it.
 */
export async function startDashboardServer(
  backend: Backend,
  { config, now }: Pick<TestAppOptions, 'config'> & { now: string },
) {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('building the dashboard failed')
  const clock = clockFrom(now)
  const t = await createTestApp(backend, { config, overrides: { clock } })
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(address + url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : undefined }
  }
  return {
    url: address,
    clock,
    stop: () => t.close(),
    call,
    admin: (method: string, url: string, body?: unknown) => call(method, url, body, admin),
    /** A Vapi server message, sent as Vapi sends it. */
    webhook: (message: unknown) => call('POST', '/api/vapi/server', message, vapi),
  }
}
export type DashboardServer = Awaited<ReturnType<typeof startDashboardServer>>

/** Every person the browser tests invite chooses this password. */
export const PASSWORD = 'correct horse battery staple'

/** The server's address as a person types it (localhost), for `pathname`. */
export const pageUrl = (server: DashboardServer, pathname: string) =>
  server.url.replace('127.0.0.1', 'localhost') + pathname

/**
 * A person invited with the operator key (to a restaurant, or as an operator without one) who
 * accepted with PASSWORD: their account exists and they can sign in.
 */
export async function invitedPerson(
  server: DashboardServer,
  { email, role, restaurantId, name }: { email: string; role: string; restaurantId?: string; name?: string },
) {
  const invites = restaurantId ? `/api/restaurants/${restaurantId}/invites` : '/api/invites'
  const invite = await server.admin('POST', invites, { email, role })
  assert.equal(invite.status, 201, JSON.stringify(invite.body))
  const accepted = await server.call('POST', '/api/auth/accept-invite', {
    token: invite.body.token,
    password: PASSWORD,
    ...(name ? { name } : {}),
  })
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
}

/** Signs in on the sign-in page at `pathname`, as a person does, and waits for the page's heading. */
export async function signIn(
  page: Page,
  server: DashboardServer,
  email: string,
  { pathname = '/', heading = 'Overview' }: { pathname?: string; heading?: string } = {},
) {
  await page.goto(pageUrl(server, pathname))
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
}

/** What the assistant is told when a caller dialling `number` asks `query` through `tool`. */
export async function askThroughWebhook(server: DashboardServer, number: string, tool: string, query: string) {
  // Each question is its own call: Vapi's retries of one tool call (same ids) are recorded once.
  const response = await server.webhook(
    toolCallsMessage({ number, callId: randomUUID(), calls: [toolCall(randomUUID(), tool, query)] }),
  )
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`)
  return response.body.results[0].result as string
}

/** An end-of-call report for a call to `number` that began two minutes ago by the server's clock. */
export async function reportCall(server: DashboardServer, number: string, callId: string) {
  const startedAt = new Date(server.clock.now().getTime() - 120_000).toISOString()
  const response = await server.webhook({ message: endOfCallReport({ callId, dialed: number, startedAt }) })
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`)
}

/** A browser context whose pages read the server's clock (the date the test chose), not the machine's. */
export async function openContext(browser: Browser, server: DashboardServer, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options)
  await context.clock.install({ time: server.clock.now() })
  return context
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
}

/**
 * A page that records the app's own failures: uncaught exceptions, 5xx responses and console
 * errors other than Chrome's "Failed to load resource" for expected 4xx answers.
 */
export async function newPage(context: BrowserContext) {
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} ${response.url()}`)
  })
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`)
  })
  return { page, problems }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // A dialog still fading in has text at part opacity, which axe measures as low contrast.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'))
  // Evaluated rather than added as a script tag: the page's CSP forbids inline scripts.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: Array<{ target: string[] }> }
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as { violations: Violation[] }
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }))
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`)
}

/** True when the page is wider than the viewport (a phone would scroll sideways). */
export function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}

/** The whole page, or with `{ fullPage: false }` what the viewport shows (dialogs, one part of a long page). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage })
}

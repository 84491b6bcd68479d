import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { DASHBOARD_CSP, DASHBOARD_DIR } from './dashboard.routes.ts'

describe('the dashboard is served at / beside the API', () => {
  let t: TestApp
  before(async () => {
    // The server serves what was built when it started; build first if the sources changed.
    assert.equal(spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' }).status, 0)
    t = await createTestApp(testBackends()[0]!)
  })
  after(() => t.close())
  const get = (url: string) => t.app.inject({ method: 'GET', url })

  it('serves the app with a strict CSP: scripts from this origin only, never inline', async () => {
    const response = await get('/')
    assert.equal(response.statusCode, 200)
    assert.match(response.headers['content-type'] as string, /text\/html/)
    assert.equal(response.headers['content-security-policy'], DASHBOARD_CSP)
    assert.match(DASHBOARD_CSP, /script-src 'self'(;|$)/)
    assert.doesNotMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in index.html')
    assert.equal(response.headers['x-frame-options'], 'DENY')
  })

  it("answers a page's deep link with the app, and its hashed assets with long caching", async () => {
    const page = await get('/r/8d2f1c3e-1111-4222-8333-944455556666/menu')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<div id="root">/)
    const asset = readdirSync(path.join(DASHBOARD_DIR, 'assets')).find((name) => name.endsWith('.js'))!
    const script = await get(`/assets/${asset}`)
    assert.equal(script.statusCode, 200)
    assert.match(script.headers['content-type'] as string, /javascript/)
    assert.match(script.headers['cache-control'] as string, /immutable/)
  })

  it('keeps JSON 404s for unknown API paths and missing files, and refuses paths out of the build', async () => {
    const api = await get('/api/no-such-route')
    assert.equal(api.statusCode, 404)
    assert.equal(api.json().error.code, 'route_not_found')
    assert.equal((await get('/assets/missing-1234.js')).statusCode, 404)
    assert.notEqual((await get('/%2e%2e/%2e%2e/package.json')).statusCode, 200)
  })

  it('leaves /docs out of the strict policy so that the interactive documentation works', async () => {
    const docs = await get('/docs/')
    assert.equal(docs.statusCode, 200)
    assert.notEqual(docs.headers['content-security-policy'], DASHBOARD_CSP)
    assert.equal((await get('/docs/json')).statusCode, 200)
  })
})

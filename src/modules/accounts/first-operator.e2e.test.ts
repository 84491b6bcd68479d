import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { invites } from './accounts.tables.ts'
import { offerFirstOperatorSetup, SETUP_LINK_HOURS } from './first-operator.usecases.ts'

const PASSWORD = 'the first operator password'
const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '')

// A new install has no operator: the server prints a setup link (an operator invite without an
// email) in its console. It works once, only while no operator exists, and stores only a hash.
for (const backend of testBackends()) {
  describe(`the first operator's setup link on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend)
    })
    after(() => t.close())
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload })
    const status = async () => (await t.app.inject({ url: '/api/auth/setup-status' })).json()

    it('is offered while no operator exists: unguessable, stored as a hash, expiring', async () => {
      assert.deepEqual(await status(), { first_operator_needed: true })
      const setup = (await offerFirstOperatorSetup({ accounts: t.deps.accounts }))!
      assert.match(setup.url, /^http:\/\/localhost:\d+\/accept-invite#token=[A-Za-z0-9_-]{43}$/)
      const hours = (Date.parse(setup.expires_at) - Date.now()) / 3_600_000
      assert.ok(Math.abs(hours - SETUP_LINK_HOURS) < 0.1, String(hours))
      const rows = await t.deps.database.db.select().from(invites)
      assert.equal(rows.length, 1)
      assert.equal(rows[0]!.email, null)
      assert.equal(rows[0]!.role, 'operator')
      assert.notEqual(rows[0]!.tokenHash, tokenOf(setup.url))
    })

    it('creates the operator with the email and password chosen, once', async () => {
      const first = tokenOf((await offerFirstOperatorSetup({ accounts: t.deps.accounts }))!.url)
      const other = tokenOf((await offerFirstOperatorSetup({ accounts: t.deps.accounts }))!.url)
      const preview = await post('/api/auth/accept-invite/preview', { token: first })
      assert.deepEqual(preview.json(), { email: null, role: 'operator', restaurant: null, account_exists: false })

      const withoutEmail = await post('/api/auth/accept-invite', { token: first, password: PASSWORD })
      assert.equal(withoutEmail.statusCode, 400)
      assert.equal(withoutEmail.json().error.code, 'email_required')

      const accepted = await post('/api/auth/accept-invite', {
        token: first,
        password: PASSWORD,
        email: 'Chef@Example.com',
        name: 'Chef',
      })
      assert.equal(accepted.statusCode, 200, accepted.body)
      assert.equal(accepted.json().user.email, 'chef@example.com')
      assert.equal(accepted.json().user.is_operator, true)
      const signIn = await post('/api/auth/login', { email: 'chef@example.com', password: PASSWORD })
      assert.equal(signIn.statusCode, 200)

      const again = await post('/api/auth/accept-invite', { token: first, password: PASSWORD, email: 'x@example.com' })
      assert.equal(again.statusCode, 400)
      assert.equal(again.json().error.code, 'invalid_token')
      // Another link printed before the operator existed no longer makes one.
      const late = await post('/api/auth/accept-invite', { token: other, password: PASSWORD, email: 'y@example.com' })
      assert.equal(late.statusCode, 400)
      assert.equal(late.json().error.code, 'operator_exists')
    })

    it('is no longer offered once an operator exists, and the sign-in page is told so', async () => {
      assert.equal(await offerFirstOperatorSetup({ accounts: t.deps.accounts }), undefined)
      assert.deepEqual(await status(), { first_operator_needed: false })
    })
  })
}

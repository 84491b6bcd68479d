import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { as, type Browser, inviteAndAccept, PASSWORD, signInAs } from './accounts.test-utils.ts'

const NEW_PASSWORD = 'a brand new passphrase'

for (const backend of testBackends()) {
  describe(`changing one's password while signed in, on ${backend.name}`, () => {
    let t: TestApp
    let restaurant: { id: string; api_key: string }
    let owner: Browser
    before(async () => {
      t = await createTestApp(backend)
      restaurant = await t.createRestaurant({ name: 'Password Diner' })
      owner = await inviteAndAccept(t.app, {
        inviter: admin,
        restaurantId: restaurant.id,
        email: 'changer@example.com',
        role: 'owner',
      })
    })
    after(() => t.close())

    const change = (
      browser: Browser,
      payload: object,
      headers: Record<string, string> = as(browser, { write: true }),
    ) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload })

    it('refuses a wrong current password, a short or unchanged new one, and writes without a session', async () => {
      const wrong = await change(owner, { current_password: 'not my password', new_password: NEW_PASSWORD })
      assert.equal(wrong.statusCode, 400)
      assert.equal(wrong.json().error.code, 'wrong_password')
      assert.match(wrong.json().error.message, /body\.current_password/)
      const short = await change(owner, { current_password: PASSWORD, new_password: 'short' })
      assert.equal(short.statusCode, 400)
      assert.match(short.json().error.message, /body\.new_password/)
      const same = await change(owner, { current_password: PASSWORD, new_password: PASSWORD })
      assert.equal(same.statusCode, 400)
      assert.equal(same.json().error.code, 'same_password')
      const missing = await change(owner, { new_password: NEW_PASSWORD })
      assert.equal(missing.statusCode, 400)
      assert.match(missing.json().error.message, /current_password/)

      const valid = { current_password: PASSWORD, new_password: NEW_PASSWORD }
      const noToken = await change(owner, valid, as(owner))
      assert.equal(noToken.statusCode, 403)
      assert.equal(noToken.json().error.code, 'csrf_failed')
      const foreign = await change(owner, valid, { ...as(owner, { write: true }), origin: 'https://evil.example' })
      assert.equal(foreign.statusCode, 403)
      const key = await change(owner, valid, bearer(restaurant.api_key))
      assert.equal(key.statusCode, 401, 'a key has no password to change')
      const signedIn = await signInAs(t.app, 'changer@example.com')
      assert.equal(signedIn.userId, owner.userId, 'none of the refused requests changed the password')
    })

    it('sets the new password, keeps this session and ends the others and any reset link', async () => {
      const phone = await signInAs(t.app, 'changer@example.com')
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email: 'changer@example.com' },
      })
      assert.equal(reset.statusCode, 202)
      // The reset runs after its 202; the link is recorded a moment later.
      let links = 0
      for (let i = 0; i < 50 && links === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        const rows = (await t.database.db.execute(
          'select count(*)::int as n from password_resets where used_at is null',
        )) as any
        links = rows.rows[0].n
      }
      assert.equal(links, 1)

      const changed = await change(owner, { current_password: PASSWORD, new_password: NEW_PASSWORD })
      assert.equal(changed.statusCode, 200, changed.body)
      assert.deepEqual(changed.json(), { status: 'changed' })
      const me = (browser: Browser) => t.app.inject({ url: '/api/auth/me', headers: as(browser) })
      assert.equal((await me(owner)).statusCode, 200, 'the session it was changed from stays signed in')
      assert.equal((await me(phone)).statusCode, 401, 'every other session has ended')
      const unused = (await t.database.db.execute(
        'select count(*)::int as n from password_resets where used_at is null',
      )) as any
      assert.equal(unused.rows[0].n, 0, 'an outstanding reset link no longer works')

      const old = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'changer@example.com', password: PASSWORD },
      })
      assert.equal(old.statusCode, 401)
      await signInAs(t.app, 'changer@example.com', NEW_PASSWORD)
    })

    it('counts wrong current passwords with failed sign-ins: 429 with Retry-After past the limit', async () => {
      // Signing in just now cleared the account's count: five wrong guesses reach the limit.
      for (let i = 0; i < 5; i++) {
        const wrong = await change(owner, { current_password: `guess number ${i}`, new_password: 'another passphrase' })
        assert.equal(wrong.statusCode, 400, wrong.body)
      }
      const blocked = await change(owner, { current_password: NEW_PASSWORD, new_password: 'another passphrase' })
      assert.equal(blocked.statusCode, 429, blocked.body)
      assert.ok(Number(blocked.headers['retry-after']) > 0)
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'changer@example.com', password: NEW_PASSWORD },
      })
      assert.equal(login.statusCode, 429, 'the same limit holds for signing in')
    })
  })
}

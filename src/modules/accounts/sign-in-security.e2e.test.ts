import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type FakeSmtp, startFakeSmtp } from '../../../test/fakes/fake-smtp.ts'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { as, type Browser, inviteAndAccept, PASSWORD, sessionCookie, signInAs } from './accounts.test-utils.ts'

const APP_URL = 'https://dashboard.example.com'

for (const backend of testBackends()) {
  describe(`sign-in security on ${backend.name}`, () => {
    let t: TestApp
    let smtp: FakeSmtp
    let restaurant: { id: string; api_key: string }
    let owner: Browser
    // The sign-in limiter's windows are read off this clock: a chosen instant, then moved by the tests.
    let now = Date.parse('2026-12-09T17:00:00Z')
    before(async () => {
      smtp = await startFakeSmtp()
      t = await createTestApp(backend, {
        config: { smtpUrl: smtp.url, mailFrom: 'Assistant <no-reply@example.com>', publicAppUrl: APP_URL },
        overrides: { clock: { now: () => new Date(now) } },
      })
      restaurant = await t.createRestaurant({ name: 'Secure Diner', menu_items: [{ name: 'Soup', price: 5 }] })
      owner = await inviteAndAccept(t.app, {
        inviter: admin,
        restaurantId: restaurant.id,
        email: 'guarded@example.com',
        role: 'owner',
      })
    })
    after(async () => {
      await t.close()
      await smtp.close()
    })

    it('sets the cookie HttpOnly, SameSite=Lax, Path=/, for the lifetime, Secure in production', async () => {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'guarded@example.com', password: PASSWORD },
      })
      const cookie = login.cookies.find((c) => c.name === 'rv_session')!
      assert.deepEqual(
        { httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, path: cookie.path, maxAge: cookie.maxAge },
        { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 168 * 3600 },
      )
      assert.equal(cookie.secure, undefined)
      assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/)
      const rows = (await t.database.db.execute('select id_hash from sessions')) as any
      assert.ok(!rows.rows.some((row: any) => row.id_hash === cookie.value), 'the session id is stored only hashed')

      const production = await createTestApp(backend, { config: { env: 'production' } })
      try {
        const created = await production.createRestaurant({ name: 'Production Diner' })
        const invite = await production.app.inject({
          method: 'POST',
          url: `/api/restaurants/${created.id}/invites`,
          headers: admin,
          payload: { email: 'prod.owner@example.com', role: 'owner' },
        })
        const accepted = await production.app.inject({
          method: 'POST',
          url: '/api/auth/accept-invite',
          payload: { token: invite.json().token, password: PASSWORD },
        })
        assert.equal(accepted.cookies.find((c) => c.name === 'rv_session')!.secure, true)
      } finally {
        await production.close()
      }
    })

    it('refuses cookie writes without the CSRF token or from another site; bearer is unchanged', async () => {
      const url = `/api/restaurants/${restaurant.id}`
      const write = (headers: Record<string, string>) =>
        t.app.inject({ method: 'PUT', url, headers, payload: { name: 'Secure Diner' } })
      const missing = await write({ cookie: owner.cookie })
      assert.equal(missing.statusCode, 403)
      assert.equal(missing.json().error.code, 'csrf_failed')
      const wrong = await write({ cookie: owner.cookie, 'x-csrf-token': `${owner.csrf.slice(0, -2)}xx` })
      assert.equal(wrong.statusCode, 403)
      const otherSession = await signInAs(t.app, 'guarded@example.com')
      const crossed = await write({ cookie: owner.cookie, 'x-csrf-token': otherSession.csrf })
      assert.equal(crossed.statusCode, 403, "another session's token does not fit this one")
      const foreign = await write({ ...as(owner, { write: true }), origin: 'https://evil.example' })
      assert.equal(foreign.statusCode, 403)
      assert.equal(foreign.json().error.code, 'forbidden_origin')
      const foreignLogin = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'https://evil.example' },
        payload: { email: 'guarded@example.com', password: PASSWORD },
      })
      assert.equal(foreignLogin.statusCode, 403)
      for (const origin of [APP_URL, 'http://localhost:80']) {
        const allowed = await write({ ...as(owner, { write: true }), origin, host: 'localhost:80' })
        assert.equal(allowed.statusCode, 200, `${origin}: ${allowed.body}`)
      }
      const read = await t.app.inject({ url, headers: { cookie: owner.cookie } })
      assert.equal(read.statusCode, 200, 'reads need no token')
      const key = await write({ ...bearer(restaurant.api_key), origin: 'https://evil.example' })
      assert.equal(key.statusCode, 200, 'bearer requests are unchanged')
      const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: owner.cookie } })
      assert.equal(logout.statusCode, 403, 'logging someone out is a write too')
    })

    it('limits failed sign-ins per email and per address: 429 with Retry-After', async () => {
      const attempt = (email: string, password: string, remoteAddress: string) =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress })
      for (let i = 0; i < 5; i++)
        assert.equal((await attempt('guarded@example.com', 'wrong password', `10.0.0.${i}`)).statusCode, 401)
      const blocked = await attempt('Guarded@example.com', PASSWORD, '10.0.1.1')
      assert.equal(blocked.statusCode, 429)
      assert.equal(blocked.json().error.code, 'too_many_attempts')
      const retryAfter = Number(blocked.headers['retry-after'])
      // Within the rest of this 15-minute window and a fifth of the next (the sliding count of 5 reaching 4).
      assert.ok(retryAfter > 0 && retryAfter <= 900 + 180, `Retry-After ${retryAfter}`)

      for (let i = 0; i < 30; i++)
        assert.equal((await attempt(`nobody${i}@example.com`, 'wrong password', '10.0.2.2')).statusCode, 401)
      const fromAddress = await attempt('someone.else@example.com', 'whatever password', '10.0.2.2')
      assert.equal(fromAddress.statusCode, 429)
      assert.ok(Number(fromAddress.headers['retry-after']) > 0)

      // Told to wait N seconds, the owner can sign in after N seconds (not a second before),
      // wherever in the 15-minute window the failures fell: the clock is the wall clock.
      now += (retryAfter - 2) * 1000
      const early = await attempt('guarded@example.com', PASSWORD, '10.0.1.1')
      assert.equal(early.statusCode, 429, early.body)
      now += 2000
      const again = await attempt('guarded@example.com', PASSWORD, '10.0.1.1')
      assert.equal(again.statusCode, 200, again.body)
    })

    it('mails an invite with its link when SMTP is configured', async () => {
      const invite = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${restaurant.id}/invites`,
        headers: as(owner, { write: true }),
        payload: { email: 'new.cook@example.com', role: 'staff' },
      })
      assert.equal(invite.statusCode, 201, invite.body)
      assert.equal(invite.json().mailed, true)
      assert.equal(invite.json().invite_url, `${APP_URL}/accept-invite#token=${invite.json().token}`)
      const mail = await smtp.waitForMail('new.cook@example.com')
      assert.ok(mail.text.includes(invite.json().invite_url), mail.text)
      assert.match(mail.subject, /Secure Diner/)
      assert.equal(mail.from, 'no-reply@example.com')
    })

    it('resets a password by mail: the link works once, other sessions end, unknown emails get 202', async () => {
      const elsewhere = await signInAs(t.app, 'guarded@example.com')
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email: 'nobody-here@example.com' },
      })
      const known = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email: 'GUARDED@example.com' },
      })
      assert.equal(unknown.statusCode, 202)
      assert.equal(known.statusCode, 202)
      assert.deepEqual(unknown.json(), known.json())
      const mail = await smtp.waitForMail('guarded@example.com', { subject: /Reset/ })
      const link = new RegExp(`${APP_URL}/reset-password#token=([A-Za-z0-9_-]{43})`).exec(mail.text)
      assert.ok(link, mail.text)
      const rows = (await t.database.db.execute('select token_hash from password_resets')) as any
      assert.ok(!rows.rows.some((row: any) => row.token_hash === link[1]), 'reset tokens are stored only hashed')

      const short = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token: link[1], password: 'short' },
      })
      assert.equal(short.statusCode, 400)
      assert.match(short.json().error.message, /body\.password/)
      const confirmed = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token: link[1], password: 'a brand new passphrase' },
      })
      assert.equal(confirmed.statusCode, 200, confirmed.body)
      const fresh = sessionCookie(confirmed)
      for (const old of [owner, elsewhere]) {
        const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: old.cookie } })
        assert.equal(me.statusCode, 401, 'sessions from before the reset have ended')
      }
      assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: fresh } })).statusCode, 200)
      const reused = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token: link[1], password: 'yet another passphrase' },
      })
      assert.equal(reused.statusCode, 400)
      const oldPassword = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'guarded@example.com', password: PASSWORD },
      })
      assert.equal(oldPassword.statusCode, 401)
      owner = await signInAs(t.app, 'guarded@example.com', 'a brand new passphrase')
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.ok(!smtp.mails.some((m) => m.to.includes('nobody-here@example.com')), 'no mail for an unknown email')
    })

    it('refuses an expired invite, and ends sessions that are idle too long or past their lifetime', async () => {
      const invite = await t.app.inject({
        method: 'POST',
        url: `/api/restaurants/${restaurant.id}/invites`,
        headers: admin,
        payload: { email: 'late@example.com', role: 'staff' },
      })
      now += 7 * 86_400_000 + 1000
      const late = await t.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token: invite.json().token, password: 'a long enough password' },
      })
      assert.equal(late.statusCode, 400)

      const session = await signInAs(t.app, 'guarded@example.com', 'a brand new passphrase')
      now += 11 * 3_600_000 // used within the 12-hour idle limit…
      assert.equal((await t.app.inject({ url: '/api/auth/me', headers: as(session) })).statusCode, 200)
      now += 11 * 3_600_000 // …and again: still alive
      assert.equal((await t.app.inject({ url: '/api/auth/me', headers: as(session) })).statusCode, 200)
      now += 13 * 3_600_000 // idle past 12 hours
      assert.equal((await t.app.inject({ url: '/api/auth/me', headers: as(session) })).statusCode, 401)

      const busy = await signInAs(t.app, 'guarded@example.com', 'a brand new passphrase')
      for (let hours = 0; hours < 168; hours += 10) {
        now += 10 * 3_600_000
        const me = await t.app.inject({ url: '/api/auth/me', headers: as(busy) })
        assert.equal(me.statusCode, hours + 10 < 168 ? 200 : 401, `after ${hours + 10} hours`)
      }
    })
  })
}

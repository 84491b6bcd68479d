import assert from 'node:assert/strict'
import type { AppInstance } from '../../shared/http.ts'
import { SESSION_COOKIE } from './accounts.service.ts'

export const PASSWORD = 'correct horse battery staple'

/** A signed-in browser: its cookie, and the CSRF token it read from GET /api/auth/me. */
export type Browser = { cookie: string; csrf: string; userId: string }

/** The session cookie a response set, as a browser would send it back. */
export function sessionCookie(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)
  assert.ok(cookie, 'no session cookie set')
  return `${SESSION_COOKIE}=${cookie.value}`
}

/** Reads /me with a cookie, the way the dashboard starts. */
export async function browserFor(app: AppInstance, cookie: string): Promise<Browser> {
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
  assert.equal(me.statusCode, 200, me.body)
  return { cookie, csrf: me.json().csrf_token, userId: me.json().user.id }
}

/** Headers of a browser request; writes carry the CSRF token, as the dashboard sends them. */
export const as = (browser: Browser, { write = false } = {}) => ({
  cookie: browser.cookie,
  ...(write ? { 'x-csrf-token': browser.csrf } : {}),
})

/** Invites `email` (with `inviter` headers) and accepts it; returns the new member's browser. */
export async function inviteAndAccept(
  app: AppInstance,
  {
    inviter,
    restaurantId,
    email,
    role,
    password = PASSWORD,
  }: {
    inviter: Record<string, string>
    restaurantId?: string
    email: string
    role: 'owner' | 'staff' | 'operator'
    password?: string
  },
): Promise<Browser> {
  const invite = await app.inject({
    method: 'POST',
    url: restaurantId ? `/api/restaurants/${restaurantId}/invites` : '/api/invites',
    headers: inviter,
    payload: { email, role },
  })
  assert.equal(invite.statusCode, 201, invite.body)
  const accepted = await app.inject({
    method: 'POST',
    url: '/api/auth/accept-invite',
    payload: { token: invite.json().token, password, name: email.split('@')[0] },
  })
  assert.equal(accepted.statusCode, 200, accepted.body)
  return browserFor(app, sessionCookie(accepted))
}

export async function signInAs(app: AppInstance, email: string, password = PASSWORD): Promise<Browser> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  assert.equal(response.statusCode, 200, response.body)
  return browserFor(app, sessionCookie(response))
}

import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { pino } from 'pino'
import { type AppInstance, createServer, LOG_REDACT } from '../../src/app/server.ts'
import { buildServices } from '../../src/app/services.ts'
import { overrideConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/infra/db/database.ts'
import { endOfCallReport } from '../../src/modules/calls/calls.test-utils.ts'
import { sha256 } from '../../src/shared/secrets.ts'
import { ADMIN_KEY, VAPI_SECRET } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import { CALLER, NUMBER_A } from './hardening.test-utils.ts'

// The server wired as start.ts wires it, at the most verbose level, logging into memory: no
// credential and no caller's phone number may appear in any line, whatever the request did.

const RESTAURANT_KEY = 'rk_logs-test-restaurant-key-0123456789'
const CALLER_DIGITS = CALLER.slice(2) // "4155550123": the number however it was written

describe('what the server writes to its logs', () => {
  const lines: string[] = []
  let app: AppInstance
  let database: DatabaseHandle
  before(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const config = overrideConfig({
      adminApiKey: ADMIN_KEY,
      vapiSecretKey: VAPI_SECRET,
      logLevel: 'trace',
      devSecrets: [],
    })
    database = await testBackends()[0]!.create()
    const deps = buildServices({ config, database, logger: pino({ level: 'trace', redact: LOG_REDACT }, stream) })
    app = await createServer(deps, { logger: { level: 'trace', redact: LOG_REDACT, stream } })
    await app.ready()
  })
  after(async () => {
    await app.close()
  })

  it('holds no key, no secret and no caller number, only masked ones', async () => {
    const admin = { authorization: `Bearer ${ADMIN_KEY}` }
    const created = await app.inject({
      method: 'POST',
      url: '/api/restaurants',
      headers: admin,
      payload: { name: 'Logged', phone_numbers: [NUMBER_A], api_key: RESTAURANT_KEY },
    })
    assert.equal(created.statusCode, 201)
    const id = created.json().id
    const own = { authorization: `Bearer ${RESTAURANT_KEY}` }
    const callerForms = [CALLER, '(415) 555-0123', '415.555.0123']
    const requests = [
      { method: 'GET', url: `/api/restaurants/${id}/export`, headers: own },
      ...callerForms.map((caller) => ({
        method: 'GET',
        url: `/api/calls?caller=${encodeURIComponent(caller)}`,
        headers: own,
      })),
      { method: 'GET', url: `/api/calls/unrouted?caller=${encodeURIComponent(CALLER)}&limit=5`, headers: admin },
      { method: 'POST', url: '/api/calls', headers: own, payload: { caller: CALLER, summary: 'manual' } },
      { method: 'POST', url: '/api/calls', headers: own, payload: { caller: 12 } },
      { method: 'GET', url: '/api/restaurants', headers: { authorization: `Bearer ${VAPI_SECRET}` } },
      { method: 'GET', url: '/api/restaurants', headers: { authorization: `Bearer ${RESTAURANT_KEY}x` } },
      {
        method: 'POST',
        url: '/api/vapi/server',
        headers: { 'x-vapi-secret': VAPI_SECRET },
        payload: { message: endOfCallReport({ callId: 'logged', dialed: NUMBER_A, caller: CALLER }) },
      },
      {
        method: 'POST',
        url: '/api/vapi/server',
        headers: { authorization: `Bearer ${VAPI_SECRET}` },
        payload: { message: endOfCallReport({ callId: 'stray', dialed: '+19995550100', caller: CALLER }) },
      },
      {
        method: 'POST',
        url: '/api/vapi/server',
        headers: { 'x-vapi-secret': VAPI_SECRET },
        payload: {
          message: {
            type: 'assistant-request',
            phoneNumber: { number: '+19995550100' },
            customer: { number: CALLER },
            call: { id: 'c', customer: { number: CALLER } },
          },
        },
      },
      {
        method: 'POST',
        url: '/api/vapi/server',
        headers: { 'x-vapi-secret': ADMIN_KEY },
        payload: { message: { type: 'status-update' } },
      },
    ] as const
    for (const request of requests) {
      const response = await app.inject(request as any)
      assert.ok(response.statusCode < 500, `${request.url}: ${response.body}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200)) // background recording logs too
    const text = lines.join('')
    assert.ok(lines.length > requests.length * 2, `only ${lines.length} log lines`)
    for (const secret of [ADMIN_KEY, VAPI_SECRET, RESTAURANT_KEY, CALLER_DIGITS, '555-0123', '555.0123', '5550123']) {
      const line = lines.find((l) => l.includes(secret))
      assert.equal(line, undefined, `"${secret}" logged: ${line?.slice(0, 400)}`)
    }
    assert.match(text, /0123/, 'masked caller numbers keep their last digits')
  })

  it('holds no password, invite or reset token, session id or CSRF token from the account routes', async () => {
    const admin = { authorization: `Bearer ${ADMIN_KEY}` }
    const created = await app.inject({
      method: 'POST',
      url: '/api/restaurants',
      headers: admin,
      payload: { name: 'Logs' },
    })
    const id = created.json().id
    const password = 'logged-password-0123456789'
    const wrongPassword = 'wrong-password-9876543210'
    const secrets: string[] = [password, wrongPassword]
    const invite = await app.inject({
      method: 'POST',
      url: `/api/restaurants/${id}/invites`,
      headers: admin,
      payload: { email: 'logged.owner@example.com', role: 'owner' },
    })
    secrets.push(invite.json().token)
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token: invite.json().token, password },
    })
    assert.equal(accepted.statusCode, 200, accepted.body)
    const replay = await app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token: invite.json().token, password: wrongPassword },
    })
    assert.equal(replay.statusCode, 400)
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'logged.owner@example.com', password: wrongPassword },
    })
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'logged.owner@example.com', password },
    })
    const sessionId = login.cookies.find((c) => c.name === 'rv_session')!.value
    secrets.push(sessionId, sha256(sessionId))
    const cookie = `rv_session=${sessionId}`
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    const csrf = me.json().csrf_token
    secrets.push(csrf)
    const requests = [
      { method: 'PUT', url: `/api/restaurants/${id}`, headers: { cookie }, payload: { name: 'No token' } },
      {
        method: 'PUT',
        url: `/api/restaurants/${id}`,
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { name: 'Ok' },
      },
      { method: 'GET', url: `/api/restaurants/${id}/audit`, headers: { cookie } },
      {
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { current_password: wrongPassword, new_password: `${password} and more` },
      },
      { method: 'POST', url: '/api/auth/password-reset', payload: { email: 'logged.owner@example.com' } },
      { method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token: sessionId, password } },
      { method: 'POST', url: '/api/auth/login', payload: { email: 'x@example.com', password: { nested: password } } },
      { method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } },
      { method: 'GET', url: '/api/auth/me', headers: { cookie } },
    ]
    for (const request of requests) {
      const response = await app.inject(request as any)
      assert.ok(response.statusCode < 500, `${request.url}: ${response.body}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200)) // the reset runs after its 202
    const stored = (await database.db.execute('select token_hash from password_resets')) as unknown as {
      rows: { token_hash: string }[]
    }
    assert.equal(stored.rows.length, 1, 'the reset was requested')
    secrets.push(...stored.rows.map((row) => row.token_hash))
    for (const secret of secrets) {
      const line = lines.find((l) => l.includes(secret))
      assert.equal(line, undefined, `a secret was logged: ${line?.slice(0, 400)}`)
    }
  })
})

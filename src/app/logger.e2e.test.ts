import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { pino } from 'pino'
import { prettyFactory } from 'pino-pretty'
import { bundleA, NUMBER_A } from '../../test/hardening/hardening.test-utils.ts'
import { admin, createTestApp, vapi } from '../../test/support/app.ts'
import { testBackends } from '../../test/support/database.ts'
import { toolCall, toolCallsMessage } from '../modules/vapi/vapi-test-utils.ts'
import { LOG_REDACT, loggerOptions } from './logger.ts'

describe('the log format', () => {
  const config = { env: 'development', logLevel: 'info' } as const

  it('is readable (pino-pretty) at a terminal in development', () => {
    const options = loggerOptions(config, { isTTY: true })
    const transport = options.transport as { target: string; options: Record<string, unknown> }
    assert.equal(transport.target, 'pino-pretty')
    // The same options, formatting a line in process: a level word and the message, not JSON.
    const line = prettyFactory({ ...transport.options, colorize: false })({
      level: 30,
      time: Date.parse('2026-12-07T17:00:00Z'),
      msg: 'server listening',
      port: 8000,
    })
    assert.match(line, /INFO.*server listening/)
    assert.match(line, /port: 8000/)
    assert.throws(() => JSON.parse(line))
  })

  it('is JSON in production, and whenever the output is not a terminal', () => {
    assert.equal(loggerOptions({ ...config, env: 'production' }, { isTTY: true }).transport, undefined)
    assert.equal(loggerOptions(config, { isTTY: false }).transport, undefined)
    assert.deepEqual(loggerOptions(config, { isTTY: false }).redact, LOG_REDACT)
  })
})

type LogLine = {
  msg: string
  tool?: string
  cache?: string
  outcome?: string
  duration_ms: number
  stages: Record<string, number>
}

/** An app whose warnings are collected as parsed JSON lines. */
async function loggedApp(slowToolMs: number) {
  const lines: LogLine[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  const t = await createTestApp(testBackends()[0]!, {
    config: { slowToolMs },
    server: { loggerInstance: pino({ level: 'warn' }, stream) },
  })
  await t.createRestaurant(bundleA)
  const ask = (query: string, name = 'get_menu_info') =>
    t.app.inject({
      method: 'POST',
      url: '/api/vapi/server',
      headers: vapi,
      payload: toolCallsMessage({ number: NUMBER_A, calls: [toolCall('c1', name, query)] }),
    })
  return { t, lines, ask }
}

describe('a slow tool answer', () => {
  let logged: Awaited<ReturnType<typeof loggedApp>>
  before(async () => {
    // A threshold of 0 ms: every answer is "slow", so the log line is certain to be written.
    logged = await loggedApp(0)
  })
  after(async () => {
    await logged.t.close()
  })

  it('logs its stages (cache, embed, search, rank) with their timings, and not the question', async () => {
    const { lines, ask } = logged
    lines.length = 0
    const response = await ask('what is in the secret onion soup')
    assert.equal(response.statusCode, 200)
    const slow = lines.filter((line) => line.msg === 'slow tool answer')
    assert.equal(slow.length, 1)
    const [line] = slow
    assert.equal(line!.tool, 'get_menu_info')
    assert.equal(line!.cache, 'miss')
    assert.equal(line!.outcome, 'answered')
    assert.deepEqual(Object.keys(line!.stages).sort(), ['cache', 'embed', 'rank', 'search'])
    for (const ms of [line!.duration_ms, ...Object.values(line!.stages)]) assert.ok(typeof ms === 'number' && ms >= 0)
    const total = Object.values(line!.stages).reduce((sum, ms) => sum + ms, 0)
    assert.ok(total <= line!.duration_ms + 0.05, `stages ${total} ms within the answer's ${line!.duration_ms} ms`)
    assert.ok(!JSON.stringify(lines).includes('secret onion'))
  })

  it('from the cache, has only the cache stage; an hours answer has no embedding stage', async () => {
    const { lines, ask } = logged
    lines.length = 0
    await ask('what is in the secret onion soup')
    await ask('are you open on monday', 'get_hours_info')
    const [hit, hours] = lines.filter((line) => line.msg === 'slow tool answer')
    assert.equal(hit!.cache, 'hit')
    assert.deepEqual(Object.keys(hit!.stages), ['cache'])
    assert.deepEqual(Object.keys(hours!.stages).sort(), ['cache', 'rank', 'search'])
  })
})

describe('a tool answer under the threshold', () => {
  it('is not logged', async () => {
    const { t, lines, ask } = await loggedApp(60_000)
    try {
      assert.equal((await ask('the duck')).statusCode, 200)
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/restaurants', headers: admin })).statusCode, 200)
      assert.deepEqual(lines, [])
    } finally {
      await t.close()
    }
  })
})

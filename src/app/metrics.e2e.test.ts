import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { bundleA, CALLER, NUMBER_A } from '../../test/hardening/hardening.test-utils.ts'
import { admin, bearer, createTestApp, type TestApp, vapi } from '../../test/support/app.ts'
import { testBackends } from '../../test/support/database.ts'
import { type FakeOpenAI, startFakeOpenAI } from '../infra/embeddings/fake-openai.test-utils.ts'
import { toolCall, toolCallsMessage } from '../modules/vapi/vapi-test-utils.ts'

const METRICS_TOKEN = 'prometheus-scrape-token-0123'
// Texts that must never become a label value: a caller's question, numbers, a model-written tool name.
const SECRET_QUESTION = 'is the lobster thermidor ready for my sister Marguerite'
const QUESTION_WITH_NUMBER = `call me back on ${CALLER} about the duck`
const INVENTED_TOOL = 'get_weather_for_marguerite'
const STRANGER = '+19175550100'

type Sample = { name: string; labels: Record<string, string>; value: number }

/** The samples of a Prometheus text exposition (comments skipped). */
function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
      assert.ok(match, `not an exposition line: ${line}`)
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      )
      return { name: match[1]!, labels, value: Number(match[3]) }
    })
}

/** The value of the one sample with exactly these labels (0 when absent). */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  )
  assert.ok(found.length <= 1, `${name} ${JSON.stringify(labels)} appears ${found.length} times`)
  return found[0]?.value ?? 0
}

for (const backend of testBackends()) {
  describe(`GET /metrics on ${backend.name}`, () => {
    let t: TestApp
    let restaurantId: string
    const scrape = async (headers: Record<string, string> = admin) => {
      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers })
      assert.equal(response.statusCode, 200, response.body)
      return { text: response.body, samples: parseExposition(response.body) }
    }
    const ask = async (calls: Record<string, unknown>[], number = NUMBER_A) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({ number, calls, timestamp: Date.parse('2026-12-07T17:00:00Z') }),
      })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().results as Record<string, string>[]
    }

    before(async () => {
      t = await createTestApp(backend, { config: { metricsToken: METRICS_TOKEN } })
      restaurantId = (await t.createRestaurant(bundleA)).id
    })
    after(async () => {
      await t.close()
    })

    it('refuses a scrape without credentials, with a wrong key, a restaurant key or the Vapi secret', async () => {
      const restaurantKey = (await t.createRestaurant({ name: 'Scraper Diner' })).api_key
      for (const headers of [{}, bearer('wrong-token-0123456789'), bearer(restaurantKey), vapi]) {
        const response = await t.app.inject({ method: 'GET', url: '/metrics', headers })
        assert.equal(response.statusCode, 401, JSON.stringify(headers))
        assert.equal(response.json().error.code, 'unauthorized')
      }
      const withToken = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer(METRICS_TOKEN) })
      assert.equal(withToken.statusCode, 200)
      assert.match(withToken.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/)
    })

    it('counts a known sequence of tool calls by tool, cache and outcome, exactly', async () => {
      const before = (await scrape()).samples
      const duck = () => toolCall(`c${Math.random()}`, 'get_menu_info', 'how much is the duck confit')
      const [first] = await ask([duck()]) // miss, answered
      assert.match(first!.result!, /Duck Confit/)
      await ask([duck(), duck()]) // two hits
      const [lobster] = await ask([toolCall('c4', 'get_menu_info', SECRET_QUESTION)]) // miss, unanswered
      assert.match(lobster!.result!, /don't have/)
      await ask([toolCall('c5', 'get_hours_info', 'are you open on monday')]) // miss, answered
      await ask([toolCall('c6', INVENTED_TOOL, 'sunny?')]) // error: not a tool
      await ask([toolCall('c7', 'get_menu_info', QUESTION_WITH_NUMBER)], STRANGER) // error: not our number

      const { samples, text } = await scrape()
      const delta = (labels: Record<string, string>) =>
        sampleValue(samples, 'tool_call_duration_seconds_count', labels) -
        sampleValue(before, 'tool_call_duration_seconds_count', labels)
      const menu = { tool: 'get_menu_info' }
      assert.equal(delta({ ...menu, cache: 'miss', outcome: 'answered' }), 1)
      assert.equal(delta({ ...menu, cache: 'hit', outcome: 'answered' }), 2)
      assert.equal(delta({ ...menu, cache: 'miss', outcome: 'unanswered' }), 1)
      assert.equal(delta({ ...menu, cache: 'miss', outcome: 'error' }), 1)
      assert.equal(delta({ tool: 'get_hours_info', cache: 'miss', outcome: 'answered' }), 1)
      assert.equal(delta({ tool: 'unknown', cache: 'miss', outcome: 'error' }), 1)
      const allToolCalls = samples.filter((s) => s.name === 'tool_call_duration_seconds_count')
      assert.equal(
        allToolCalls.reduce((sum, s) => sum + s.value, 0) -
          before.filter((s) => s.name === 'tool_call_duration_seconds_count').reduce((sum, s) => sum + s.value, 0),
        7,
      )
      // The histogram's sum is seconds: seven local answers take well under a second in all.
      const seconds = sampleValue(samples, 'tool_call_duration_seconds_sum', {
        ...menu,
        cache: 'hit',
        outcome: 'answered',
      })
      assert.ok(seconds > 0 && seconds < 1, String(seconds))

      // Six webhook messages answered 200; each question asked on a miss was embedded once, locally.
      const webhooks = (s: Sample[]) =>
        sampleValue(s, 'vapi_webhook_requests_total', { type: 'tool-calls', status: '200' })
      assert.equal(webhooks(samples) - webhooks(before), 6)
      const embedded = (s: Sample[]) => sampleValue(s, 'embedding_requests_total', { provider: 'local', outcome: 'ok' })
      assert.equal(embedded(samples) - embedded(before), 2)

      for (const forbidden of [SECRET_QUESTION, 'lobster', 'Marguerite', CALLER, CALLER.slice(2), NUMBER_A, STRANGER]) {
        assert.ok(!text.includes(forbidden), `the metrics reveal ${forbidden}`)
      }
      assert.ok(!text.includes(INVENTED_TOOL) && !text.includes('Duck') && !text.includes(bundleA.name))
    })

    it('counts refused webhooks and unknown message types without their text', async () => {
      const before = (await scrape()).samples
      const refused = await t.app.inject({ method: 'POST', url: '/api/vapi/server', payload: { message: {} } })
      assert.equal(refused.statusCode, 401)
      const odd = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: { message: { type: `status-of-${CALLER}` } },
      })
      assert.equal(odd.statusCode, 200)
      const { samples, text } = await scrape()
      const delta = (labels: Record<string, string>) =>
        sampleValue(samples, 'vapi_webhook_requests_total', labels) -
        sampleValue(before, 'vapi_webhook_requests_total', labels)
      assert.equal(delta({ type: 'none', status: '401' }), 1)
      assert.equal(delta({ type: 'other', status: '200' }), 1)
      assert.ok(!text.includes(CALLER))
    })

    it('times HTTP requests by route pattern and status, never by URL', async () => {
      const before = (await scrape()).samples
      const read = await t.app.inject({ method: 'GET', url: `/api/restaurants/${restaurantId}`, headers: admin })
      assert.equal(read.statusCode, 200)
      const missing = await t.app.inject({ method: 'GET', url: `/api/no-such-route/${CALLER}` })
      assert.equal(missing.statusCode, 404)
      const { samples, text } = await scrape()
      const delta = (labels: Record<string, string>) =>
        sampleValue(samples, 'http_request_duration_seconds_count', labels) -
        sampleValue(before, 'http_request_duration_seconds_count', labels)
      assert.equal(delta({ method: 'GET', route: '/api/restaurants/:id', status_code: '200' }), 1)
      assert.equal(delta({ method: 'GET', route: 'unmatched', status_code: '404' }), 1)
      assert.ok(
        sampleValue(samples, 'http_request_duration_seconds_count', {
          method: 'GET',
          route: '/metrics',
          status_code: '200',
        }) >= 1,
      )
      assert.ok(!text.includes(restaurantId) && !text.includes('no-such-route') && !text.includes(CALLER))
    })

    it('serves the process defaults: memory and event loop lag', async () => {
      const { samples } = await scrape()
      const names = new Set(samples.map((s) => s.name))
      for (const name of [
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_heap_size_used_bytes',
      ])
        assert.ok(names.has(name), name)
    })
  })
}

describe('embedding requests in the metrics', () => {
  let fake: FakeOpenAI
  let t: TestApp
  before(async () => {
    fake = await startFakeOpenAI()
    t = await createTestApp(testBackends()[0]!, {
      config: { embeddingProvider: 'openai', openaiApiKey: 'sk-test-key', openaiBaseUrl: fake.url },
    })
  })
  after(async () => {
    await t.close()
    await fake.close()
  })

  it('counts the provider answering and failing, by provider and outcome', async () => {
    await t.createRestaurant(bundleA) // one request for the whole menu
    fake.fail(Infinity, 500)
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/vapi/server',
      headers: vapi,
      payload: toolCallsMessage({ number: NUMBER_A, calls: [toolCall('c1', 'get_menu_info', 'the duck please')] }),
    })
    fake.fail(0, 500)
    assert.match(response.json().results[0].result, /Duck Confit/) // answered lexically meanwhile
    const samples = parseExposition((await t.app.inject({ method: 'GET', url: '/metrics', headers: admin })).body)
    assert.equal(sampleValue(samples, 'embedding_requests_total', { provider: 'openai', outcome: 'ok' }), 1)
    assert.equal(sampleValue(samples, 'embedding_requests_total', { provider: 'openai', outcome: 'error' }), 1)
  })
})

describe('METRICS_ENABLED=false', () => {
  it('serves no /metrics and still answers tool calls', async () => {
    const t = await createTestApp(testBackends()[0]!, { config: { metricsEnabled: false } })
    try {
      await t.createRestaurant(bundleA)
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics', headers: admin })).statusCode, 404)
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({ number: NUMBER_A, calls: [toolCall('c1', 'get_menu_info', 'the duck')] }),
      })
      assert.match(response.json().results[0].result, /Duck Confit/)
    } finally {
      await t.close()
    }
  })
})

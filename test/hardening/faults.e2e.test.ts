import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import type { DatabaseHandle } from '../../src/infra/db/database.ts'
import { type FakeOpenAI, startFakeOpenAI } from '../../src/infra/embeddings/fake-openai.test-utils.ts'
import { createOpenAIEmbeddings } from '../../src/infra/embeddings/openai-embeddings.ts'
import { endOfCallReport } from '../../src/modules/calls/calls.test-utils.ts'
import { TOOL_ERRORS } from '../../src/modules/vapi/tool-calls.usecases.ts'
import { admin, createTestApp, type TestApp, vapi } from '../support/app.ts'
import { testBackends } from '../support/database.ts'
import { bundleA, NUMBER_A, seedTenant } from './hardening.test-utils.ts'

/** The index of a restaurant against its rows: one document per row, current and (when asked) embedded. */
async function assertIndexMatchesRows(t: TestApp, restaurantId: string, { embedded }: { embedded: boolean }) {
  const rows = (
    (await t.database.db.execute(sql`
    select d.source_id, d.embedding is not null as embedded, d.content, m.name
    from document_embeddings d left join menu_items m on m.id = d.source_id
    where d.restaurant_id = ${restaurantId} and d.category = 'menu'`)) as any
  ).rows as any[]
  const items = (
    await t.app.inject({ method: 'GET', url: `/api/restaurants/${restaurantId}/menu-items`, headers: admin })
  ).json().data
  assert.equal(rows.length, items.length, 'one document per menu item, no more')
  assert.ok(
    rows.every((row) => row.name !== null),
    'no document of a deleted item',
  )
  assert.ok(
    rows.every((row) => row.content.includes(row.name)),
    'each document describes its item as it is now',
  )
  if (embedded)
    assert.ok(
      rows.every((row) => row.embedded),
      'every document embedded once the provider is back',
    )
}

/**
 * The database, and a switch that makes it unreachable: every query fails as node-postgres fails
 * when the server is gone. (An in-process PGlite cannot be stopped from outside; this is the
 * outage stub the style guide allows.)
 */
function withOutageSwitch(database: DatabaseHandle) {
  let down = false
  const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          if (down) throw unreachable()
          return value.apply(object, args)
        }
      },
    })
  const handle: DatabaseHandle = {
    ...database,
    db: guard(database.db),
    withTenant: (id, fn) => (down ? Promise.reject(unreachable()) : database.withTenant(id, fn)),
    ping: () => (down ? Promise.reject(unreachable()) : database.ping()),
  }
  return {
    handle,
    set: (value: boolean) => {
      down = value
    },
  }
}

for (const backend of testBackends()) {
  describe(`an embedding provider that fails, slows down and recovers, on ${backend.name}`, () => {
    let t: TestApp
    let fake: FakeOpenAI
    before(async () => {
      fake = await startFakeOpenAI()
      const embeddings = createOpenAIEmbeddings({
        apiKey: 'sk-test-key',
        baseURL: fake.url,
        model: 'text-embedding-3-small',
        maxRetries: 0,
        timeoutMs: 300,
      })
      t = await createTestApp(backend, { overrides: { embeddings } })
    })
    after(async () => {
      await t.close()
      await fake.close()
    })

    it('keeps all edits and answers through outages; ends with one current, embedded document per item', async () => {
      const { id } = await t.createRestaurant({
        name: 'Flaky',
        phone_numbers: ['+12125550190'],
        menu_items: [{ name: 'Soup', price: 5 }],
      })
      const dish = fc.record({
        name: fc.constantFrom('Soup', 'Steak Frites', 'Tarte Tatin', 'Ramen', 'Salad', 'Duck'),
        price: fc.integer({ min: 1, max: 99 }),
      })
      const fault = fc.constantFrom('none', '500', '429', '503', 'slow')
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(dish, { selector: (d) => d.name, minLength: 1, maxLength: 5 }),
          fault,
          async (menu, kind) => {
            fake.fail(kind === 'none' || kind === 'slow' ? 0 : Infinity, Number(kind) || 500)
            fake.delay(kind === 'slow' ? 600 : 0)
            const put = await t.app.inject({
              method: 'PUT',
              url: `/api/restaurants/${id}`,
              headers: admin,
              payload: { name: 'Flaky', menu_items: menu },
            })
            assert.equal(put.statusCode, 200, put.body)
            const asked = await t.app.inject({
              method: 'POST',
              url: '/api/vapi/server',
              headers: vapi,
              payload: {
                message: {
                  type: 'tool-calls',
                  phoneNumber: { number: '+12125550190' },
                  call: { id: 'flaky' },
                  toolCallList: [
                    {
                      id: 'q',
                      type: 'function',
                      function: { name: 'get_menu_info', arguments: { query: `how much is the ${menu[0]!.name}` } },
                    },
                  ],
                },
              },
            })
            assert.equal(asked.statusCode, 200)
            assert.match(asked.json().results[0].result, new RegExp(`\\$${menu[0]!.price}\\b`))
            await assertIndexMatchesRows(t, id, { embedded: kind === 'none' })
          },
        ),
        { numRuns: 12 },
      )
      fake.fail(0, 500)
      fake.delay(0)
      const generated = await t.app.inject({
        method: 'POST',
        url: '/api/embeddings/generate',
        headers: admin,
        payload: { restaurant_id: id },
      })
      assert.equal(generated.statusCode, 200)
      await assertIndexMatchesRows(t, id, { embedded: true })
    })
  })

  describe(`a database that is unreachable for a moment, on ${backend.name}`, () => {
    let t: TestApp
    let outage: ReturnType<typeof withOutageSwitch>
    before(async () => {
      outage = withOutageSwitch(await backend.create())
      t = await createTestApp(backend, { database: outage.handle })
    })
    after(async () => {
      outage.set(false)
      await t.close()
    })

    it('answers 503 (tool calls: a spoken error), keeps the reports Vapi sent, recovers with no restart', async () => {
      const a = await seedTenant(t, bundleA)
      outage.set(true)
      const health = await t.app.inject({ method: 'GET', url: '/api/health' })
      assert.equal(health.statusCode, 503)
      for (const request of [
        { method: 'GET', url: `/api/restaurants/${a.id}/export`, headers: admin },
        { method: 'POST', url: '/api/calls', headers: admin, payload: { restaurant_id: a.id } },
      ] as const) {
        const response = await t.app.inject(request as any)
        assert.equal(response.statusCode, 503, `${request.method} ${request.url}: ${response.body}`)
        assert.equal(response.json().error.code, 'service_unavailable')
      }
      const report = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: { message: endOfCallReport({ callId: 'during-outage', dialed: NUMBER_A }) },
      })
      assert.equal(report.statusCode, 200)
      const asked = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: {
          message: {
            type: 'tool-calls',
            phoneNumber: { number: '+19995550100' },
            call: { id: 'during-outage-2' },
            toolCallList: [
              { id: 'q', type: 'function', function: { name: 'get_hours_info', arguments: { query: 'open now?' } } },
            ],
          },
        },
      })
      assert.equal(asked.statusCode, 200)
      assert.deepEqual(asked.json().results, [{ toolCallId: 'q', name: 'get_hours_info', error: TOOL_ERRORS.failed }])
      await new Promise((resolve) => setTimeout(resolve, 300))
      outage.set(false)

      assert.equal((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200)
      const export_ = await t.app.inject({ method: 'GET', url: `/api/restaurants/${a.id}/export`, headers: admin })
      assert.equal(export_.statusCode, 200)
      let calls: any[] = []
      for (const deadline = Date.now() + 10_000; Date.now() < deadline && calls.length === 0; ) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        calls = (await t.app.inject({ method: 'GET', url: `/api/calls?restaurant_id=${a.id}`, headers: admin }))
          .json()
          .data.filter((call: any) => call.vapi_call_id === 'during-outage')
      }
      assert.equal(calls.length, 1, 'the report sent during the outage is stored once')
    })
  })
}

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import {
  admin,
  bearer,
  createTestApp,
  EXAMPLES_DIR,
  loadExampleBundle,
  type TestApp,
} from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { documentEmbeddings } from '../../infra/db/schema.ts'
import { type FakeOpenAI, startFakeOpenAI } from '../../infra/embeddings/fake-openai.test-utils.ts'
import { LOCAL_EMBEDDING_MODEL } from '../../infra/embeddings/local-embeddings.ts'
import { createOpenAIEmbeddings } from '../../infra/embeddings/openai-embeddings.ts'
import { parseQuestions, scoreAnswer } from './eval.models.ts'
import { indexRestaurant } from './knowledge-index.usecases.ts'
import { createMenuToolHandlers } from './menu-tools.ts'

const menu = (count: number, price = (i: number) => 10 + i) =>
  Array.from({ length: count }, (_, i) => ({
    name: `Dish number ${i}`,
    description: `House speciality ${i} with seasonal vegetables`,
    price: price(i),
    category: 'Mains',
  }))

// Menu answers read the clock for sold-out dishes: a chosen hour, not the machine's.
const NOON = new Date('2026-12-09T12:00:00Z')

const ask = (t: TestApp, restaurantId: string, tool: 'get_menu_info' | 'get_modifiers_info', query: string) =>
  createMenuToolHandlers(t.deps)[tool]({
    query,
    context: {
      restaurant: { id: restaurantId, name: 'Test', timezone: 'UTC', currency: 'USD' },
      now: NOON,
      vapiCallId: null,
    },
  })

const documents = (t: TestApp, restaurantId: string) =>
  t.database.db
    .select({
      sourceId: documentEmbeddings.sourceId,
      title: documentEmbeddings.title,
      model: documentEmbeddings.embeddingModel,
      embedded: sql<boolean>`${documentEmbeddings.embedding} is not null`,
    })
    .from(documentEmbeddings)
    .where(eq(documentEmbeddings.restaurantId, restaurantId))

for (const backend of testBackends()) {
  describe(`knowledge base with the OpenAI provider on ${backend.name}`, () => {
    let fake: FakeOpenAI
    let t: TestApp
    before(async () => {
      fake = await startFakeOpenAI()
      const embeddings = createOpenAIEmbeddings({
        apiKey: 'sk-test-key',
        baseURL: fake.url,
        model: 'text-embedding-3-small',
        maxRetries: 0,
      })
      t = await createTestApp(backend, { overrides: { embeddings } })
    })
    after(async () => {
      await t.close()
      await fake.close()
    })

    it('embeds a 200-item menu in one request, none for an unchanged menu, and one for one changed price', async () => {
      fake.requests.length = 0
      const bundle = { name: 'Big Menu', menu_items: menu(200) }
      const created = await t.createRestaurant(bundle)
      assert.deepEqual(
        fake.requests.map((r) => r.input.length),
        [200],
      )
      assert.equal((await documents(t, created.id)).filter((d) => d.embedded).length, 200)

      fake.requests.length = 0
      const same = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${created.id}`,
        headers: admin,
        payload: bundle,
      })
      assert.equal(same.statusCode, 200)
      assert.equal(fake.requests.length, 0)

      const changed = { ...bundle, menu_items: menu(200, (i) => (i === 42 ? 99.5 : 10 + i)) }
      await t.app.inject({ method: 'PUT', url: `/api/restaurants/${created.id}`, headers: admin, payload: changed })
      assert.deepEqual(
        fake.requests.map((r) => r.input),
        [
          [
            changed.menu_items[42]!.name +
              '. House speciality 42 with seasonal vegetables. Category: Mains. Price: $99.50.',
          ],
        ],
      )
      const answer = await ask(t, created.id, 'get_menu_info', 'how much is dish number 42')
      assert.match(answer.result, /Dish number 42 is \$99\.50/)
    })

    it('removes the document of a deleted item, and the item from answers', async () => {
      const created = await t.createRestaurant({
        name: 'Small',
        menu_items: [
          { name: 'Duck Confit', price: 28 },
          { name: 'Onion Soup', price: 9 },
        ],
      })
      const items = (
        await t.app.inject({ method: 'GET', url: `/api/restaurants/${created.id}/menu-items`, headers: admin })
      ).json().data
      const duck = items.find((item: any) => item.name === 'Duck Confit')
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/restaurants/${created.id}/menu-items/${duck.id}`,
        headers: admin,
      })
      assert.equal(removed.statusCode, 204)
      assert.deepEqual(
        (await documents(t, created.id)).map((d) => d.title),
        ['Onion Soup'],
      )
      const answer = await ask(t, created.id, 'get_menu_info', 'do you have duck confit')
      assert.equal(answer.unanswered, true)
      assert.match(answer.result, /^Sorry, we don't have duck confit on the menu/)
    })

    it('leaves a new model to the blue-green switch: an ordinary indexing run keeps the active vectors', async () => {
      const created = await t.createRestaurant({
        name: 'Model Change',
        menu_items: menu(12),
        modifiers: [{ name: 'Extra Sauce', price: 1 }],
      })
      fake.requests.length = 0
      const other = createOpenAIEmbeddings({
        apiKey: 'sk-test-key',
        baseURL: fake.url,
        model: 'text-embedding-3-large',
        maxRetries: 0,
      })
      const report = await indexRestaurant(
        { database: t.database, embeddings: other },
        { restaurantId: created.id, categories: ['menu', 'modifiers', 'zones'] },
      )
      // Replacing them here would leave the restaurant searching a half-embedded index (model-switch.e2e.test.ts).
      assert.deepEqual(report, { embedded: 0, unchanged: 13, deleted: 0, pending: 0, embeddingRequests: 0 })
      assert.deepEqual(fake.requests, [])
      assert.ok((await documents(t, created.id)).every((d) => d.model === 'text-embedding-3-small' && d.embedded))
    })

    it('keeps edits working while the provider is down, answers lexically, and embeds later on generate', async () => {
      fake.fail(Infinity, 500)
      const created = await t.createRestaurant({
        name: 'Outage',
        menu_items: [
          { name: 'Steak Frites', description: 'Hanger steak and fries', price: 29 },
          { name: 'Tarte Tatin', price: 9.5, category: 'Desserts' },
        ],
      })
      assert.ok((await documents(t, created.id)).every((d) => !d.embedded))
      const answer = await ask(t, created.id, 'get_menu_info', 'do you serve beef')
      assert.match(answer.result, /Steak Frites (is|are) \$29/)
      assert.equal(answer.metadata.search_mode, 'lexical')

      const down = await t.app.inject({
        method: 'POST',
        url: '/api/embeddings/generate',
        headers: admin,
        payload: { restaurant_id: created.id },
      })
      assert.equal(down.statusCode, 503)
      assert.equal(down.json().error.code, 'embeddings_unavailable')

      fake.fail(0, 500)
      const generated = await t.app.inject({
        method: 'POST',
        url: '/api/embeddings/generate',
        headers: admin,
        payload: { restaurant_id: created.id },
      })
      assert.equal(generated.statusCode, 200)
      assert.deepEqual(generated.json(), {
        status: 'completed',
        restaurant_id: created.id,
        embeddings_generated: 2,
        unchanged: 0,
        deleted: 0,
        model: 'text-embedding-3-small',
      })
      assert.ok((await documents(t, created.id)).every((d) => d.embedded))
    })

    it('answers from lexical search when the provider is too slow for a question', async () => {
      const created = await t.createRestaurant({
        name: 'Slow',
        menu_items: [{ name: 'Ramune Soda', description: 'Japanese marble soda', price: 4 }],
      })
      fake.delay(3_000)
      try {
        const answer = await ask(t, created.id, 'get_menu_info', 'what soft drinks have you got')
        assert.match(answer.result, /Ramune Soda is \$4/)
        assert.equal(answer.metadata.search_mode, 'lexical')
      } finally {
        fake.delay(0)
      }
    })
  })

  describe(`knowledge base with local embeddings on ${backend.name}`, () => {
    let t: TestApp
    const ids = new Map<string, string>()
    before(async () => {
      t = await createTestApp(backend)
      for (const name of ['petit-bistro', 'sakura-ramen', 'nonnas-pizzeria'] as const)
        ids.set(name, (await t.createRestaurant(loadExampleBundle(name))).id)
    })
    after(async () => {
      await t.close()
    })

    it('answers every menu and modifier question of the evaluation set', async () => {
      const questions = parseQuestions(readFileSync(path.join(EXAMPLES_DIR, 'questions.jsonl'), 'utf8')).filter(
        (q) => q.tool === 'get_menu_info' || q.tool === 'get_modifiers_info',
      )
      const failed: string[] = []
      for (const question of questions) {
        const answer = await ask(t, ids.get(question.restaurant)!, question.tool as 'get_menu_info', question.query)
        const score = scoreAnswer({
          question,
          result: answer.result,
          restaurant: loadExampleBundle(question.restaurant as 'petit-bistro'),
        })
        if (!score.pass) failed.push(`${question.query}: ${score.failures.join('; ')} → ${answer.result}`)
      }
      assert.deepEqual(failed, [])
    })

    it('never shows one restaurant the items of another', async () => {
      const answer = await ask(t, ids.get('petit-bistro')!, 'get_menu_info', 'do you have tonkotsu ramen')
      assert.equal(answer.unanswered, true)
      assert.doesNotMatch(answer.result, /Tonkotsu/)
      const search = await t.deps.knowledge.search({
        restaurantId: ids.get('petit-bistro')!,
        category: 'menu',
        query: 'tonkotsu ramen gyoza pizza',
      })
      const own = await documents(t, ids.get('petit-bistro')!)
      assert.ok(search.rows.length > 0)
      assert.ok(search.rows.every((row) => own.some((d) => d.sourceId === row.sourceId)))
    })

    it('keeps document ids across a PUT that renames nothing, and indexes zones too', async () => {
      const id = ids.get('nonnas-pizzeria')!
      const before = await documents(t, id)
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${id}`,
        headers: admin,
        payload: loadExampleBundle('nonnas-pizzeria'),
      })
      assert.equal(response.statusCode, 200)
      assert.deepEqual((await documents(t, id)).map((d) => d.sourceId).sort(), before.map((d) => d.sourceId).sort())
      const zones = await t.database.db
        .select()
        .from(documentEmbeddings)
        .where(and(eq(documentEmbeddings.restaurantId, id), eq(documentEmbeddings.category, 'zones')))
      assert.deepEqual(zones.map((z) => z.title).sort(), ['Logan Square', 'West Loop', 'Wicker Park'])
    })

    it('lets only the operator run POST /api/embeddings/generate and validates its body', async () => {
      const id = ids.get('sakura-ramen')!
      const post = (headers: Record<string, string>, payload: unknown) =>
        t.app.inject({ method: 'POST', url: '/api/embeddings/generate', headers, payload: payload as object })
      assert.equal((await post({}, { restaurant_id: id })).statusCode, 401)
      const owner = await t.createRestaurant({ name: 'Owner' })
      assert.equal((await post(bearer(owner.api_key), { restaurant_id: owner.id })).statusCode, 403)
      for (const [payload, field] of [
        [{}, /restaurant_id/],
        [{ restaurant_id: 'nope' }, /restaurant_id/],
        [{ restaurant_id: id, category: 'hours' }, /category/],
        [{ restaurant_id: id, extra: 1 }, /extra|additional/],
      ] as const) {
        const response = await post(admin, payload)
        assert.equal(response.statusCode, 400, JSON.stringify(payload))
        assert.match(response.json().error.message, field)
      }
      assert.equal((await post(admin, { restaurant_id: '00000000-0000-4000-8000-000000000000' })).statusCode, 404)
      const unchanged = await post(admin, { restaurant_id: id, category: 'modifiers' })
      assert.deepEqual(unchanged.json(), {
        status: 'completed',
        restaurant_id: id,
        embeddings_generated: 0,
        unchanged: 7,
        deleted: 0,
        model: LOCAL_EMBEDDING_MODEL,
      })
      const forced = await post(admin, { restaurant_id: id, category: 'modifiers', force: true })
      assert.equal(forced.json().embeddings_generated, 7)
    })
  })
}

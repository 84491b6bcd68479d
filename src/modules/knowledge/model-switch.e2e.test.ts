import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { createTestApp, loadExampleBundle, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { type FakeOpenAI, startFakeOpenAI } from '../../infra/embeddings/fake-openai.test-utils.ts'
import { toolCall, toolCallsMessage } from '../vapi/vapi-test-utils.ts'

// Two Ollama-like models served by the OpenAI-compatible fake: 768 and 384 dimensions, no
// `dimensions` parameter, a batch limit below the configured batch size, and (for one) base64.
const WIDE = 'nomic-embed-text'
const NARROW = 'all-minilm'

/** What the assistant asks, and a word its answer must contain (a dish of the restaurant). */
const QUESTIONS = [
  { number: '+14155550102', query: 'do you have tonkotsu ramen', expect: /Tonkotsu/ },
  { number: '+14155550102', query: 'something with dumplings', expect: /Gyoza/ },
  { number: '+12125550101', query: 'is there onion soup', expect: /Onion Soup/ },
  { number: '+12125550101', query: 'chicken braised in wine', expect: /Coq au Vin/ },
]

const vectorsByModel = async (database: DatabaseHandle) =>
  (
    (await database.db.execute(sql`
      select embedding_model as model, vector_dims(embedding) as dims, count(*)::int as documents,
        count(next_embedding)::int as staged
      from document_embeddings group by 1, 2 order by 1`)) as unknown as {
      rows: { model: string | null; dims: number | null; documents: number; staged: number }[]
    }
  ).rows

for (const backend of testBackends()) {
  describe(`embedding models of any dimension, switched blue-green, on ${backend.name}`, () => {
    let fake: FakeOpenAI
    let database: DatabaseHandle
    let documents = 0

    /** A process start on the same database with this EMBEDDING_MODEL (closing it leaves the database open). */
    const start = (model: string) =>
      createTestApp(backend, {
        database,
        config: {
          embeddingProvider: 'openai',
          openaiApiKey: 'sk-test-key',
          openaiBaseUrl: fake.url,
          embeddingModel: model,
          embeddingBatchSize: 8,
          cacheTtlSeconds: 0,
        },
        overrides: { closers: [] },
      })

    const ask = async (t: TestApp, i: number) => {
      const question = QUESTIONS[i % QUESTIONS.length]!
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number: question.number,
          callId: `call-${i}`,
          calls: [toolCall(`c${i}`, 'get_menu_info', question.query)],
        }),
      })
      const result = response.statusCode === 200 ? (response.json().results[0]?.result as string) : ''
      return { ok: response.statusCode === 200 && question.expect.test(result), status: response.statusCode, result }
    }

    const health = async (t: TestApp) => {
      const { model, documents, embedded, pending } = (await t.app.inject({ method: 'GET', url: '/api/health' })).json()
        .checks.index
      return { model, documents, embedded, pending }
    }

    before(async () => {
      fake = await startFakeOpenAI({ models: { [WIDE]: 768, [NARROW]: 384 } })
      fake.batchLimit(5)
      database = await backend.create()
    })
    after(async () => {
      await fake.close()
      await database.close()
    })

    it('indexes and answers with a 768-dimensional model that takes no `dimensions` parameter', async () => {
      const t = await start(WIDE)
      try {
        await t.createRestaurant(loadExampleBundle('sakura-ramen'))
        await t.createRestaurant(loadExampleBundle('petit-bistro'))
        const stored = await vectorsByModel(database)
        assert.deepEqual(
          stored.map(({ model, dims }) => ({ model, dims })),
          [{ model: WIDE, dims: 768 }],
        )
        documents = stored[0]!.documents
        assert.ok(fake.requests.every((request) => request.dimensions === undefined))
        // Each refused batch of 8 (413) was halved to the server's limit of 5.
        assert.ok(fake.requests.some((request) => request.input.length > 5))
        assert.ok(fake.requests.every((request) => request.input.length <= 8))
        for (let i = 0; i < QUESTIONS.length; i++) assert.deepEqual((await ask(t, i)).ok, true, QUESTIONS[i]!.query)
        assert.deepEqual(await health(t), {
          ...(await health(t)),
          model: WIDE,
          documents,
          embedded: documents,
          pending: 0,
        })
      } finally {
        await t.app.close()
      }
    })

    it('switches to a 384-d model while tool calls keep arriving: none fails, all documents end on it', async () => {
      fake.encoding('base64')
      fake.delay(40) // a slow local server: the switch takes many batches' time
      fake.requests.length = 0
      const t = await start(NARROW)
      try {
        const progress: { embedded: number; pending: number }[] = []
        const modelSwitch = t.deps.knowledge.startModelSwitch({ retryMs: 20 })
        let finished = false
        void modelSwitch.done.then(() => {
          finished = true
        })
        const answers: Awaited<ReturnType<typeof ask>>[] = []
        for (let i = 0; !finished || answers.length < 8; i++) {
          answers.push(await ask(t, i))
          if (i % 4 === 0 && !finished) progress.push(await health(t))
        }
        const report = await modelSwitch.done
        assert.deepEqual(
          answers.filter((answer) => !answer.ok),
          [],
        )
        assert.equal(report?.switched, 2)
        // Questions were embedded with the previous model while the restaurants still searched its vectors.
        assert.ok(fake.requests.some((request) => request.model === WIDE && request.input.length === 1))
        assert.ok(
          progress.some((p) => p.pending > 0 && p.embedded > 0),
          `progress was reported: ${JSON.stringify(progress)}`,
        )
        assert.deepEqual(await vectorsByModel(database), [{ model: NARROW, dims: 384, documents, staged: 0 }])
        assert.deepEqual(await health(t), {
          model: NARROW,
          documents,
          embedded: documents,
          pending: 0,
        })
      } finally {
        fake.delay(0)
        fake.encoding('float')
        await t.app.close()
      }
    })

    it('embeds nothing on a restart with an unchanged model', async () => {
      fake.requests.length = 0
      const t = await start(NARROW)
      try {
        const report = await t.deps.knowledge.switchModel()
        assert.deepEqual(report, { switched: 0, indexed: 0, embedded: 0 })
        assert.equal(fake.requests.length, 0)
        assert.equal((await ask(t, 0)).ok, true)
      } finally {
        await t.app.close()
      }
    })

    it('resumes an interrupted switch after a restart, embedding each document once', async () => {
      fake.batchLimit(8) // no refused batch, so every input counted below was embedded
      fake.requests.length = 0
      fake.delay(20)
      const first = await start(WIDE)
      const modelSwitch = first.deps.knowledge.startModelSwitch()
      while (fake.requests.filter((request) => request.model === WIDE).length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      await modelSwitch.stop()
      await first.app.close()
      const staged = (await vectorsByModel(database)).reduce((sum, row) => sum + row.staged, 0)
      assert.ok(staged > 0 && staged < documents, `stopped part-way: ${staged} of ${documents} staged`)

      fake.delay(0)
      const second = await start(WIDE)
      try {
        const report = await second.deps.knowledge.switchModel()
        assert.equal(report.embedded, documents - staged)
        const embeddedInputs = fake.requests
          .filter((request) => request.model === WIDE)
          .reduce((sum, request) => sum + request.input.length, 0)
        assert.equal(embeddedInputs, documents, 'no document embedded twice')
        assert.deepEqual(await vectorsByModel(database), [{ model: WIDE, dims: 768, documents, staged: 0 }])
      } finally {
        fake.batchLimit(5)
        await second.app.close()
      }
    })

    it('answers lexically while the previous model is out of reach, and still switches', async () => {
      fake.models.delete(WIDE)
      fake.delay(30)
      const t = await start(NARROW)
      try {
        const modelSwitch = t.deps.knowledge.startModelSwitch({ retryMs: 20 })
        let finished = false
        void modelSwitch.done.then(() => {
          finished = true
        })
        const answers: Awaited<ReturnType<typeof ask>>[] = []
        for (let i = 0; !finished || answers.length < 4; i++) answers.push(await ask(t, i))
        await modelSwitch.done
        assert.deepEqual(
          answers.filter((answer) => !answer.ok),
          [],
        )
        assert.deepEqual(await vectorsByModel(database), [{ model: NARROW, dims: 384, documents, staged: 0 }])
      } finally {
        fake.delay(0)
        fake.models.set(WIDE, 768)
        await t.app.close()
      }
    })
  })
}

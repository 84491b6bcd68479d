import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { createPgliteDatabase } from '../../src/infra/db/database.ts'
import { type FakeOpenAI, startFakeOpenAI } from '../../src/infra/embeddings/fake-openai.test-utils.ts'
import { createKnowledgeRepository } from '../../src/modules/knowledge/knowledge.repository.ts'
import { KNOWLEDGE_CATEGORIES } from '../../src/modules/knowledge/knowledge-documents.models.ts'
import {
  BENCH_ADMIN_KEY,
  BENCH_VAPI_SECRET,
  type ServerProcess,
  startServerProcess,
} from '../support/server-process.ts'

// The server process killed (SIGKILL) while a PUT re-indexes: after a restart, every document
// belongs to one version of its row (the old or the new), none to a deleted row, and the next
// run brings the index up to date. Embedded PGlite in a data directory this test owns.

const headers = { authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' }
const dishes = (from: number, to: number, price: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    name: `Dish ${from + i}`,
    description: `House dish number ${from + i}`,
    price: price + i,
  }))
const V1 = dishes(1, 40, 10)
const V2 = [...dishes(1, 20, 50), ...dishes(41, 60, 70)] // 1–20 repriced, 21–40 removed, 41–60 new

/** The index of the embedded database against its rows, read while no server holds it. */
async function readIndex(dataDir: string) {
  const database = await createPgliteDatabase({ dataDir: path.join(dataDir, 'pglite') })
  try {
    const [restaurant] = ((await database.db.execute(sql`select id from restaurants`)) as any).rows
    const repository = createKnowledgeRepository({ db: database.db })
    const { documents } = await repository.loadSourceDocuments({
      restaurantId: restaurant.id,
      categories: [...KNOWLEDGE_CATEGORIES],
    })
    const stored = (
      (await database.db.execute(
        sql`select source_id, content_hash, embedding is not null as embedded from document_embeddings`,
      )) as any
    ).rows as any[]
    return { restaurantId: restaurant.id as string, rows: documents, stored }
  } finally {
    await database.close()
  }
}

describe('the server killed while re-indexing, then restarted on the same data', () => {
  let fake: FakeOpenAI
  let dataDir: string
  let server: ServerProcess | undefined
  const env = () => ({
    EMBEDDING_PROVIDER: 'openai',
    OPENAI_API_KEY: 'sk-test-key',
    OPENAI_BASE_URL: fake.url,
    DATA_DIR: dataDir,
  })
  before(async () => {
    fake = await startFakeOpenAI()
    dataDir = mkdtempSync(path.join(tmpdir(), 'rv-crash-'))
  })
  after(async () => {
    if (server?.child.exitCode === null) await server.stop()
    await fake.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('leaves each document matching the old or new row, never a deleted one, and catches up on restart', async () => {
    server = await startServerProcess(env())
    const created = await fetch(`${server.url}/api/restaurants`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Crashy', phone_numbers: ['+12125550170'], menu_items: V1 }),
    })
    assert.equal(created.status, 201)
    await server.stop()
    const before = await readIndex(dataDir)
    const oldHashes = new Map(before.stored.map((doc) => [doc.source_id, doc.content_hash]))
    assert.equal(before.stored.length, V1.length)

    // The PUT commits its rows, then waits on the embedding provider: that is when it dies.
    server = await startServerProcess(env())
    fake.delay(60_000)
    const seen = fake.requests.length
    const put = fetch(`${server.url}/api/restaurants/${before.restaurantId}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ name: 'Crashy', menu_items: V2 }),
    }).catch(() => undefined)
    for (const deadline = Date.now() + 20_000; fake.requests.length === seen && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 10))
    assert.ok(fake.requests.length > seen, 'the PUT reached the embedding step')
    server.child.kill('SIGKILL')
    await new Promise((resolve) => server!.child.once('exit', resolve))
    await put
    fake.delay(0)

    const crashed = await readIndex(dataDir)
    const current = new Map(crashed.rows.map((doc) => [doc.sourceId, doc.contentHash]))
    assert.deepEqual(
      crashed.rows.map((doc) => doc.title).sort(),
      V2.map((dish) => dish.name).sort(),
      'the PUT committed its rows',
    )
    for (const doc of crashed.stored) {
      assert.ok(current.has(doc.source_id), `a document of a deleted row survived: ${doc.source_id}`)
      assert.ok(
        [current.get(doc.source_id), oldHashes.get(doc.source_id)].includes(doc.content_hash),
        `document ${doc.source_id} matches no version`,
      )
    }

    // Restarted: the index catches up by itself (pending documents are embedded at start).
    server = await startServerProcess(env())
    const ask = await fetch(`${server.url}/api/vapi/server`, {
      method: 'POST',
      headers: { 'x-vapi-secret': BENCH_VAPI_SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({
        message: {
          type: 'tool-calls',
          phoneNumber: { number: '+12125550170' },
          call: { id: 'after-crash' },
          toolCallList: [
            {
              id: 'a',
              type: 'function',
              function: { name: 'get_menu_info', arguments: { query: 'how much is dish 45' } },
            },
          ],
        },
      }),
    })
    assert.match((await ask.json()).results[0].result, /\$74\b/)
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
      const generated = await fetch(`${server.url}/api/embeddings/generate`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ restaurant_id: before.restaurantId }),
      })
      if ((await generated.json()).embeddings_generated === 0) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await server.stop()
    const healed = await readIndex(dataDir)
    assert.deepEqual(
      healed.stored.map((doc) => doc.content_hash).sort(),
      healed.rows.map((doc) => doc.contentHash).sort(),
    )
    assert.ok(healed.stored.every((doc) => doc.embedded))
  })
})

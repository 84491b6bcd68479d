import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { EMBEDDING_DIMENSIONS } from './embeddings.types.ts'
import { type FakeOpenAI, fakeEmbedding, startFakeOpenAI } from './fake-openai.test-utils.ts'
import { createLocalEmbeddings, embedLocally } from './local-embeddings.ts'
import { createOpenAIEmbeddings, embeddingModelId } from './openai-embeddings.ts'

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0)

describe('local embeddings', () => {
  it('are deterministic unit vectors of the column size', async () => {
    const [a, b] = await createLocalEmbeddings().embed([
      'Coq au Vin, chicken braised in red wine',
      'Coq au Vin, chicken braised in red wine',
    ])
    assert.equal(a!.length, EMBEDDING_DIMENSIONS)
    assert.deepEqual(a, b)
    assert.ok(Math.abs(cosine(a!, a!) - 1) < 1e-3)
  })

  it('put a speech-recognition slip closer to the dish than to an unrelated one', () => {
    const slip = embedLocally('tonkatsu ramen')
    assert.ok(
      cosine(slip, embedLocally('Tonkotsu Ramen. Creamy pork bone broth')) >
        cosine(slip, embedLocally('Matcha Ice Cream. Green tea ice cream')) + 0.2,
    )
  })

  it('meet a dish name heard with other word boundaries by its sounds-alike key', () => {
    const heard = embedLocally('bibim bap please')
    assert.ok(
      cosine(heard, embedLocally('Bibimbap. Rice bowl with vegetables and a fried egg')) >
        cosine(heard, embedLocally('Japchae. Sweet potato glass noodles with spinach')) + 0.05,
    )
  })

  it('relate a general concept to its kinds: seafood is nearer tuna than chocolate', () => {
    const seafood = embedLocally('something with seafood')
    assert.ok(
      cosine(seafood, embedLocally('Seared tuna, green beans and olives')) >
        cosine(seafood, embedLocally('Dark chocolate mousse')),
    )
  })
})

describe('OpenAI embeddings against a fake OpenAI server', () => {
  let fake: FakeOpenAI
  before(async () => {
    fake = await startFakeOpenAI()
  })
  after(async () => {
    await fake.close()
  })
  const provider = (options: { maxRetries?: number } = {}) =>
    createOpenAIEmbeddings({ apiKey: 'sk-test-key', baseURL: fake.url, model: 'text-embedding-3-small', ...options })

  it('sends float encoding and the column size, and returns vectors in input order', async () => {
    fake.requests.length = 0
    const texts = ['Gyoza', 'Edamame', 'Karaage']
    const vectors = await provider().embed(texts)
    assert.deepEqual(vectors, texts.map(embedLocally))
    assert.deepEqual(fake.requests, [
      { model: 'text-embedding-3-small', input: texts, encoding_format: 'float', dimensions: EMBEDDING_DIMENSIONS },
    ])
  })

  it('splits more than 2048 inputs into requests of at most 2048', async () => {
    fake.requests.length = 0
    const texts = Array.from({ length: 2050 }, (_, i) => `item ${i}`)
    const vectors = await provider().embed(texts)
    assert.equal(vectors.length, 2050)
    assert.deepEqual(
      fake.requests.map((r) => r.input.length),
      [2048, 2],
    )
  })

  it('retries a rate limit and a server error, then succeeds', async () => {
    for (const status of [429, 500]) {
      fake.requests.length = 0
      fake.fail(1, status)
      const [vector] = await provider({ maxRetries: 2 }).embed(['Takoyaki'])
      assert.deepEqual(vector, embedLocally('Takoyaki'))
      assert.equal(fake.requests.length, 2, `status ${status}`)
    }
  })

  it('gives up with an error once the retries are spent', async () => {
    fake.requests.length = 0
    fake.fail(Infinity, 500)
    await assert.rejects(provider({ maxRetries: 1 }).embed(['Takoyaki']), /500/)
    assert.equal(fake.requests.length, 2)
    fake.fail(0, 500)
  })
})

describe('OpenAI-compatible servers that differ from OpenAI (a fake serving Ollama-like models)', () => {
  let fake: FakeOpenAI
  before(async () => {
    fake = await startFakeOpenAI({ models: { 'nomic-embed-text': 768, 'all-minilm': 384 } })
  })
  after(async () => {
    await fake.close()
  })
  const provider = (model: string, options: { dimensions?: number; maxBatchSize?: number } = {}) =>
    createOpenAIEmbeddings({ apiKey: 'sk-test-key', baseURL: fake.url, model, maxRetries: 0, ...options })

  it('embeds with 768- and 384-dimensional models, never sending them `dimensions`', async () => {
    fake.requests.length = 0
    const [wide] = await provider('nomic-embed-text', { dimensions: 256 }).embed(['Miso soup'])
    const [narrow] = await provider('all-minilm').embed(['Miso soup'])
    assert.equal(wide!.length, 768)
    assert.equal(narrow!.length, 384)
    assert.deepEqual(
      fake.requests.map((r) => [r.model, r.dimensions]),
      [
        ['nomic-embed-text', undefined],
        ['all-minilm', undefined],
      ],
    )
    assert.equal(provider('nomic-embed-text', { dimensions: 256 }).model, 'nomic-embed-text')
  })

  it('sends EMBEDDING_DIMENSIONS to text-embedding-3 models and records the size in the model id', async () => {
    fake.requests.length = 0
    const small = provider('text-embedding-3-small', { dimensions: 512 })
    const [vector] = await small.embed(['Miso soup'])
    assert.equal(vector!.length, 512)
    assert.equal(fake.requests[0]!.dimensions, 512)
    assert.equal(small.model, 'text-embedding-3-small@512')
    assert.equal(embeddingModelId('text-embedding-3-small'), 'text-embedding-3-small')
  })

  it('decodes base64 answers (float32, little-endian) given whatever was asked', async () => {
    fake.encoding('base64')
    try {
      const [vector] = await provider('all-minilm').embed(['Gyoza'])
      const expected = fakeEmbedding('Gyoza', 384)
      assert.equal(vector!.length, 384)
      for (const [i, value] of vector!.entries()) assert.ok(Math.abs(value - expected[i]!) < 1e-6)
    } finally {
      fake.encoding('float')
    }
  })

  it('splits batches the server finds too large and keeps the size that worked', async () => {
    fake.batchLimit(3)
    try {
      fake.requests.length = 0
      const embeddings = provider('nomic-embed-text', { maxBatchSize: 8 })
      const texts = Array.from({ length: 7 }, (_, i) => `dish ${i}`)
      const vectors = await embeddings.embed(texts)
      assert.deepEqual(
        vectors,
        texts.map((text) => fakeEmbedding(text, 768)),
      )
      assert.equal(embeddings.maxBatchSize, 3)
      // 7 → 413, halved to 3: accepted, and kept for the rest
      assert.deepEqual(
        fake.requests.map((r) => r.input.length),
        [7, 3, 3, 1],
      )
    } finally {
      fake.batchLimit(2048)
    }
  })

  it('fails clearly for a model the server does not have', async () => {
    await assert.rejects(provider('mxbai-embed-large').embed(['Gyoza']), /not found/)
  })
})

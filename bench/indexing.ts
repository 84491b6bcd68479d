// Indexing cost: embedding requests a menu costs, counted at a fake OpenAI server on loopback.
// The server runs with EMBEDDING_PROVIDER=openai pointed at it, so every vector it asks for is a
// request we see: creating a restaurant with a 200-item menu, re-indexing it with nothing changed,
// and changing one price.
import { startFakeOpenAI } from '../src/infra/embeddings/fake-openai.test-utils.ts'
import { BENCH_ADMIN_KEY, startServerProcess } from '../test/support/server-process.ts'
import { markdownTable } from './report.ts'

const MENU_ITEMS = 200
const KINDS = ['soup', 'salad', 'pasta', 'pizza', 'burger', 'curry', 'noodles', 'tart', 'stew', 'sandwich']
const WITH = ['mushrooms', 'chicken', 'tofu', 'beef', 'salmon', 'spinach', 'goat cheese', 'lentils', 'pork', 'shrimp']

export function generatedMenu(count = MENU_ITEMS) {
  return Array.from({ length: count }, (_, i) => ({
    name: `House ${KINDS[i % KINDS.length]} no. ${i + 1}`,
    description: `${KINDS[i % KINDS.length]} with ${WITH[Math.floor(i / KINDS.length) % WITH.length]}, made to order`,
    price: 8 + (i % 25),
    category: i % 3 === 0 ? 'Starters' : 'Mains',
  }))
}

export type IndexingStep = { step: string; requests: number; inputs: number; ms: number }

export async function measureIndexing({
  databaseEnv,
}: {
  databaseEnv: Record<string, string>
}): Promise<{ steps: IndexingStep[]; markdown: string }> {
  const fake = await startFakeOpenAI({ apiKey: 'sk-bench-key' })
  const server = await startServerProcess({
    ...databaseEnv,
    EMBEDDING_PROVIDER: 'openai',
    OPENAI_API_KEY: 'sk-bench-key',
    OPENAI_BASE_URL: fake.url,
  })
  const admin = { authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' }
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: admin,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    return response.json() as Promise<any>
  }
  const steps: IndexingStep[] = []
  const counted = async (step: string, action: () => Promise<unknown>) => {
    const before = fake.requests.length
    const t0 = performance.now()
    await action()
    const ms = performance.now() - t0
    const requests = fake.requests.slice(before)
    steps.push({ step, requests: requests.length, inputs: requests.reduce((sum, r) => sum + r.input.length, 0), ms })
  }
  try {
    let restaurantId = ''
    await counted(`create a restaurant with a ${MENU_ITEMS}-item menu`, async () => {
      restaurantId = (
        await call('POST', '/api/restaurants', { name: `Bench indexing ${Date.now()}`, menu_items: generatedMenu() })
      ).id
    })
    await counted('re-index, nothing changed (POST /api/embeddings/generate)', () =>
      call('POST', '/api/embeddings/generate', { restaurant_id: restaurantId }),
    )
    const { data } = await call('GET', `/api/restaurants/${restaurantId}/menu-items`)
    await counted('change one price (PATCH …/menu-items/:id)', () =>
      call('PATCH', `/api/restaurants/${restaurantId}/menu-items/${data[0].id}`, { price: 99.5 }),
    )
  } finally {
    await server.stop()
    await fake.close()
  }
  const table = markdownTable(
    ['step', 'embedding requests', 'texts embedded', 'API time ms'],
    steps.map((s) => [s.step, String(s.requests), String(s.inputs), s.ms.toFixed(0)]),
  )
  return { steps, markdown: table }
}

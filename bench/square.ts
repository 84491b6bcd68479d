// `npm run bench -- square`: a point of sale's costs, in process on embedded PGlite against the
// fake Square on loopback (the official SDK over HTTP): the first sync of a 500-item catalog
// (varied sizes make 580 menu items and 5 modifiers, read in pages of 100), a re-sync with
// nothing changed, and the time from a sold-out webhook to the next caller's answer saying so.
// Environment: BENCH_RUNS (medians of, 3).

import { pizzeriaBundle } from '../src/modules/orders/orders.test-utils.ts'
import { deliverWebhook, squareCatalog } from '../src/modules/pos/square/square.test-utils.ts'
import { toolCall, toolCallsMessage } from '../src/modules/vapi/vapi-test-utils.ts'
import { startFakeSquare } from '../test/fakes/fake-square.ts'
import { bearer, createTestApp, vapi } from '../test/support/app.ts'
import { testBackends } from '../test/support/database.ts'
import { machineLine, median } from './report.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const WEBHOOK_URL = 'https://voice.example.test/api/integrations/square/webhook'
const backend = testBackends().find((b) => b.name === 'pglite')!

async function once() {
  const square = await startFakeSquare()
  square.catalog.push(...squareCatalog(500))
  const t = await createTestApp(backend, {
    config: {
      square: { baseUrl: square.url, webhookSignatureKey: square.signatureKey },
      secretsKey: 'bench-secrets-key',
      publicBackendUrl: 'https://voice.example.test',
    },
  })
  try {
    const r = await t.createRestaurant(pizzeriaBundle({ menu_items: [], modifiers: [] }))
    const api = (method: 'PUT' | 'POST', path: string, payload?: object) =>
      t.app.inject({ method, url: `/api/restaurants/${r.id}/integrations${path}`, headers: bearer(r.api_key), payload })
    await api('PUT', '/square', { access_token: square.personalToken, location_id: square.locationId })
    let started = performance.now()
    const first = await api('POST', '/square/sync')
    const firstMs = performance.now() - started
    if (first.statusCode !== 200 || first.json().items !== 580) throw new Error(`sync: ${first.body}`)
    started = performance.now()
    await api('POST', '/square/sync')
    const againMs = performance.now() - started
    const ask = async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number: '+13125550103',
          calls: [toolCall('q', 'get_menu_info', 'do you have tiramisu')],
        }),
      })
      return response.json().results[0].result as string
    }
    await ask() // the answer is cached before the change, as on a busy line
    started = performance.now()
    square.setSoldOut('VAR30R', true)
    const event = square.event('inventory.count.updated', {
      inventory_counts: [
        { catalog_object_id: 'VAR30R', location_id: square.locationId, state: 'IN_STOCK', quantity: '0' },
      ],
    })
    await deliverWebhook(t.app, square, WEBHOOK_URL, event)
    const soldOut = /not available|Tiramisu \(\$[\d.]+, currently unavailable\)/
    for (let answer = await ask(); !soldOut.test(answer); answer = await ask())
      if (performance.now() - started > 10_000) throw new Error(`never sold out: ${answer}`)
    const soldOutMs = performance.now() - started
    return { firstMs, againMs, soldOutMs }
  } finally {
    await t.close()
    await square.close()
  }
}

const runs = []
for (let i = 0; i < RUNS; i++) runs.push(await once())
const ms = (values: number[]) => `${Math.round(median(values))} ms`
console.log(machineLine())
console.log(`| measure (embedded PGlite, median of ${RUNS}) | time |`)
console.log('|---|---|')
console.log(`| first sync, 500 Square items (580 menu items, 5 modifiers) | ${ms(runs.map((r) => r.firstMs))} |`)
console.log(`| re-sync, nothing changed | ${ms(runs.map((r) => r.againMs))} |`)
console.log(`| sold-out webhook → next caller's answer says so | ${ms(runs.map((r) => r.soldOutMs))} |`)

import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../../src/infra/db/database.ts'
import { testBackends } from '../support/database.ts'
import {
  BENCH_ADMIN_KEY,
  BENCH_VAPI_SECRET,
  type ServerProcess,
  startServerProcess,
} from '../support/server-process.ts'
import { bundleA, bundleB, NUMBER_A, NUMBER_B } from './hardening.test-utils.ts'

// A bounded burst of mixed traffic against the production server on loopback: it stops by itself
// after TOTAL requests. Nothing may fail, and the burst may leave nothing behind on the heap: the live
// heap after a full collection (test/support/heap-probe.mjs) is compared before and after. RSS is
// printed, not asserted: on a busy machine the allocator keeps freed pages for a while.

const TOTAL = 20_000
const WARM_UP = 2_000
const CONCURRENCY = 32

type Request = { method: string; path: string; headers: Record<string, string>; body?: string }

describe('a burst of 20,000 mixed requests on loopback against the production server', () => {
  let server: ServerProcess
  const probeDir = mkdtempSync(path.join(tmpdir(), 'rv-heap-'))
  const probeFile = path.join(probeDir, 'heap.json')
  let database: (DatabaseHandle & { url?: string }) | undefined
  const mix: Request[] = []
  before(async () => {
    // On PostgreSQL when the run has one (production's shape), else on the embedded database.
    const postgres = testBackends().find((backend) => backend.name === 'postgres')
    database = postgres ? await postgres.create() : undefined
    server = await startServerProcess(
      { HEAP_PROBE_FILE: probeFile, ...(database?.url ? { DATABASE_URL: database.url } : {}) },
      { nodeArgs: ['--expose-gc', '--import', './test/support/heap-probe.mjs'] },
    )
    const admin = { authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' }
    const keys: { id: string; api_key: string }[] = []
    for (const bundle of [bundleA, bundleB]) {
      const created = await (
        await fetch(`${server.url}/api/restaurants`, { method: 'POST', headers: admin, body: JSON.stringify(bundle) })
      ).json()
      keys.push(created as { id: string; api_key: string })
    }
    const vapi = { 'x-vapi-secret': BENCH_VAPI_SECRET, 'content-type': 'application/json' }
    const ask = (number: string, tool: string, query: string) => ({
      method: 'POST',
      path: '/api/vapi/server',
      headers: vapi,
      body: JSON.stringify({
        message: {
          type: 'tool-calls',
          phoneNumber: { number },
          call: { id: `load-${number}` },
          toolCallList: [{ id: 't', type: 'function', function: { name: tool, arguments: { query } } }],
        },
      }),
    })
    const own = (i: number) => ({ authorization: `Bearer ${keys[i]!.api_key}` })
    // Weighted like real traffic: mostly Vapi's tool calls and probes, some API reads and mistakes.
    const live = { method: 'GET', path: '/api/health/live', headers: {} }
    const questions = [
      ask(NUMBER_A, 'get_menu_info', 'how much is the duck confit'),
      ask(NUMBER_B, 'get_menu_info', 'do you have ramen'),
      ask(NUMBER_A, 'get_hours_info', 'are you open on monday'),
      ask(NUMBER_B, 'get_zones_info', 'do you deliver to sawtelle'),
    ]
    mix.push(
      live,
      live,
      live,
      live,
      ...questions,
      ...questions,
      { method: 'GET', path: '/api/health', headers: {} },
      ask('+19995550100', 'get_menu_info', 'anything vegan'),
      { method: 'GET', path: '/api/calls', headers: own(0) },
      { method: 'GET', path: `/api/restaurants/${keys[1]!.id}/export`, headers: own(1) },
      { method: 'GET', path: `/api/restaurants/${keys[0]!.id}/insights`, headers: own(0) },
      { method: 'GET', path: `/api/restaurants/${keys[0]!.id}`, headers: own(1) }, // another restaurant's: 404
      { method: 'GET', path: '/api/restaurants', headers: { authorization: 'Bearer rk_wrong-key' } }, // 401
      {
        method: 'POST',
        path: '/api/calls',
        headers: { ...own(1), 'content-type': 'application/json' },
        body: '{"summary": 5}',
      }, // 400
    )
  })
  after(async () => {
    await server?.stop()
    await database?.close()
    rmSync(probeDir, { recursive: true, force: true })
  })

  /** The server's live heap in MB after a full garbage collection. */
  async function liveHeapMb() {
    rmSync(probeFile, { force: true })
    process.kill(server.pid, 'SIGUSR2')
    for (let i = 0; i < 100 && !existsSync(probeFile); i++) await new Promise((resolve) => setTimeout(resolve, 50))
    const { heapUsed } = JSON.parse(readFileSync(probeFile, 'utf8')) as { heapUsed: number }
    return heapUsed / 1048576
  }

  /** Sends `count` requests of the mix, CONCURRENCY at a time; returns the statuses seen. */
  async function burst(count: number) {
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
    const send = (request: Request) =>
      new Promise<number | string>((resolve) => {
        const outgoing = httpRequest(
          `${server.url}${request.path}`,
          { method: request.method, headers: request.headers, agent },
          (response) => {
            response.resume()
            response.on('end', () => resolve(response.statusCode ?? 'no status'))
          },
        )
        outgoing.on('error', (error) => resolve(`error: ${error.message}`))
        outgoing.end(request.body)
      })
    const statuses = new Map<number | string, number>()
    let next = 0
    const worker = async () => {
      while (next < count) {
        const status = await send(mix[next++ % mix.length]!)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    agent.destroy()
    return statuses
  }

  it('answers every request without a 5xx or a dropped connection, and keeps nothing on the heap', async () => {
    await burst(WARM_UP)
    const heapBeforeMb = await liveHeapMb()
    const rssBeforeMb = server.rssMb()
    let rssPeakMb = rssBeforeMb
    const sampler = setInterval(() => {
      rssPeakMb = Math.max(rssPeakMb, server.rssMb())
    }, 100)
    const started = performance.now()
    const statuses = await burst(TOTAL)
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    const heapAfterMb = await liveHeapMb()
    const heap = `live heap ${heapBeforeMb.toFixed(1)} MB before, ${heapAfterMb.toFixed(1)} MB after`
    const [rssBefore, rssPeak, rssAfter] = [rssBeforeMb, rssPeakMb, server.rssMb()].map((mb) => mb.toFixed(0))
    const rss = `RSS ${rssBefore} MB before, ${rssPeak} MB peak, ${rssAfter} after`
    const byStatus = JSON.stringify(Object.fromEntries(statuses))
    console.log(`# ${TOTAL} requests in ${seconds.toFixed(1)} s; ${heap}; ${rss}; statuses ${byStatus}`)
    const total = [...statuses.values()].reduce((sum, n) => sum + n, 0)
    assert.equal(total, TOTAL)
    assert.deepEqual(
      [...statuses.keys()].filter((status) => typeof status !== 'number' || status >= 500),
      [],
    )
    assert.deepEqual([...statuses.keys()].sort(), [200, 400, 401, 404])
    // 20,000 requests: a leak of 250 bytes each would be 5 MB.
    assert.ok(heapAfterMb <= heapBeforeMb + 5, heap)
    const live = await fetch(`${server.url}/api/health`)
    assert.equal(live.status, 200)
  })
})

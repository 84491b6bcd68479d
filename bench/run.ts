// `npm run bench`: starts the server (embedded by default; PostgreSQL with DATABASE_URL), loads
// restaurants through the API, drives each scenario from a separate autocannon process, and
// prints one table with ratios to the baseline measured in the same run.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BENCH_ADMIN_KEY, BENCH_VAPI_SECRET, startServerProcess } from '../test/support/server-process.ts'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const EVAL_DIR = path.resolve(import.meta.dirname, '../../shared/eval/restaurants')

type Figures = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number }
type Scenario = { name: string; request: (phone: string) => Record<string, unknown> }

const toolCall = (phone: string, query: string) => ({
  method: 'POST', path: '/api/vapi/server',
  headers: { 'content-type': 'application/json', 'x-vapi-secret': BENCH_VAPI_SECRET },
  body: JSON.stringify({ message: {
    type: 'tool-calls', timestamp: Date.parse('2026-06-12T23:00:00Z'),
    call: { id: 'bench-call' }, phoneNumber: { number: phone },
    toolCallList: [{ id: 'tc_[<id>]', type: 'function', function: { name: 'get_menu_info', arguments: { query } } }],
  } }),
})

const scenarios: Scenario[] = [
  { name: 'baseline GET /api/health/live', request: () => ({ method: 'GET', path: '/api/health/live' }) },
  { name: 'tool call, cache hit', request: (phone) => toolCall(phone, 'how much is the duck confit') },
  // [<id>] is replaced by autocannon with a unique id per request: every question is new.
  { name: 'tool call, cache miss', request: (phone) => toolCall(phone, 'do you have something with duck [<id>]') },
  { name: 'assistant-request', request: (phone) => ({
    method: 'POST', path: '/api/vapi/server',
    headers: { 'content-type': 'application/json', 'x-vapi-secret': BENCH_VAPI_SECRET },
    body: JSON.stringify({ message: { type: 'assistant-request', timestamp: Date.now(), call: { id: 'bench-[<id>]' }, phoneNumber: { number: phone } } }),
  }) },
]

function load(url: string, connections: number, request: Record<string, unknown>): Figures {
  const output = execFileSync(process.execPath, [path.join(import.meta.dirname, 'load.mjs'), JSON.stringify({
    url, connections, duration: DURATION, pipelining: 1, requests: [request],
  })], { encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 })
  return JSON.parse(output.trim().split('\n').at(-1)!)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function main() {
  const server = await startServerProcess(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {})
  try {
    let phone = ''
    for (const file of readdirSync(EVAL_DIR).filter((f) => f.endsWith('.json')).sort()) {
      const bundle = JSON.parse(readFileSync(path.join(EVAL_DIR, file), 'utf8'))
      const response = await fetch(`${server.url}/api/restaurants`, {
        method: 'POST', headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(bundle),
      })
      if (response.status !== 201 && response.status !== 409) throw new Error(`loading ${file}: ${response.status} ${await response.text()}`)
      if (file.startsWith('petit-bistro')) phone = bundle.phone_numbers[0]
    }
    const idleRss = server.rssMb()
    const rows: string[][] = []
    let peakRss = idleRss
    const baseline: Record<number, number> = {}
    for (const connections of [1, 50]) {
      for (const scenario of scenarios) {
        const runs: Figures[] = []
        for (let run = 0; run < RUNS; run++) {
          runs.push(load(server.url, connections, scenario.request(phone)))
          peakRss = Math.max(peakRss, server.rssMb())
        }
        const rps = median(runs.map((r) => r.requestsPerSecond))
        if (scenario === scenarios[0]) baseline[connections] = rps
        const failures = runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0)
        rows.push([scenario.name, String(connections), rps.toFixed(0), median(runs.map((r) => r.p50)).toFixed(2), median(runs.map((r) => r.p99)).toFixed(2),
          (rps / baseline[connections]!).toFixed(2), String(failures)])
      }
    }
    const header = ['scenario', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'non-2xx']
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
    const table = [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 1) + ':')).join('|')}|`, ...rows.map(line)].join('\n')
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
    const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'
    const report = [
      `# npm run bench — ${new Date().toISOString()}`, '',
      `Machine: ${machine}. Database: ${database}. ${RUNS} runs of ${DURATION} s per row, medians. Latency from autocannon (ms).`, '',
      table, '',
      `Server memory (RSS): ${idleRss.toFixed(0)} MB idle after loading, ${peakRss.toFixed(0)} MB peak under load.`,
    ].join('\n')
    console.log(report)
    mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true })
    writeFileSync(path.join(import.meta.dirname, 'results', `latest-${process.env.DATABASE_URL ? 'postgres' : 'pglite'}.md`), `${report}\n`)
  } finally {
    await server.stop()
  }
}

if (process.argv.includes('scale')) await import('./scale.ts')
else await main()

// `npm run bench -- memory`: the memory an embedded server holds at idle, as an operator's process
// manager sees it: `npm start` on a new DATA_DIR, the three example restaurants created, one question
// asked of each through the webhook, ten seconds of quiet, then the resident memory (RSS) of every
// process `npm start` left running (the server, and a loader's own process where there is one).
// Medians of BENCH_RUNS (3). BENCH_START_DIR=<another checkout> measures that one (a before/after).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { npmStart, waitForHealth } from '../test/support/npm-start.ts'
import { machineLine, markdownTable, median, writeResult } from './report.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const cwd = path.resolve(process.env.BENCH_START_DIR ?? path.join(import.meta.dirname, '..'))
const EXAMPLES = path.join(import.meta.dirname, '..', 'examples', 'restaurants')
const ADMIN = { authorization: 'Bearer local-dev-admin-key', 'content-type': 'application/json' }
const VAPI = { 'x-vapi-secret': 'local-dev-vapi-secret', 'content-type': 'application/json' }

/** Resident megabytes of each live process in the group (npm, a loader's process, the server). */
function groupRssMb(group: number): number[] {
  const sizes: number[] = []
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== group) continue
      sizes.push(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)
    } catch {}
  }
  return sizes
}

type Memory = { server: number; all: number }

async function idleRss(): Promise<Memory> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rv-bench-memory-'))
  const server = await npmStart({}, { dataDir, cwd })
  try {
    await waitForHealth(server)
    for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'))) {
      const bundle = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'))
      const created = await fetch(`${server.url}/api/restaurants`, {
        method: 'POST',
        headers: ADMIN,
        body: JSON.stringify(bundle),
      })
      if (created.status !== 201) throw new Error(`${file}: ${created.status} ${await created.text()}`)
      const toolCalls = [
        {
          id: 'q1',
          type: 'function',
          function: { name: 'get_menu_info', arguments: { query: 'what do you recommend' } },
        },
      ]
      const message = {
        type: 'tool-calls',
        phoneNumber: { number: bundle.phone_numbers[0] },
        call: { id: `memory-${file}` },
        toolCallList: toolCalls,
      }
      const asked = await fetch(`${server.url}/api/vapi/server`, {
        method: 'POST',
        headers: VAPI,
        body: JSON.stringify({ message }),
      })
      if (asked.status !== 200) throw new Error(`${file}: the question got ${asked.status}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10_000))
    const sizes = groupRssMb(server.pid)
    // The server is the largest of them; npm's own process stays beside it as its parent.
    return { server: Math.max(...sizes), all: sizes.reduce((sum, size) => sum + size, 0) }
  } finally {
    await server.kill()
  }
}

const machine = machineLine()
const runs: Memory[] = []
for (let run = 0; run < RUNS; run++) {
  runs.push(await idleRss())
  console.error(
    `  run ${run + 1}/${RUNS}: server ${runs.at(-1)!.server.toFixed(0)} MB, all ${runs.at(-1)!.all.toFixed(0)} MB`,
  )
}
const report = [
  `# npm run bench -- memory — ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}. Checkout: ${cwd}. ${RUNS} runs: resident memory of the processes \`npm start\``,
  'left running, embedded PGlite, the three example restaurants, one question each, after 10 s idle.',
  '',
  markdownTable(
    ['', 'median MB', 'min MB', 'max MB'],
    (['server', 'all'] as const).map((which) => {
      const sizes = runs.map((run) => run[which])
      const name = which === 'server' ? 'idle RSS, the server process' : 'idle RSS, every process of npm start'
      return [name, median(sizes).toFixed(0), Math.min(...sizes).toFixed(0), Math.max(...sizes).toFixed(0)]
    }),
  ),
].join('\n')
console.log(report)
const file = writeResult(process.env.BENCH_START_DIR ? 'idle-memory-pglite-before.md' : 'idle-memory-pglite.md', report)
console.error(`written to ${path.relative(process.cwd(), file)}`)

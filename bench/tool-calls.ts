// `npm run bench -- tool-calls`: what a tool call costs against what the framework costs, on the
// embedded PGlite and on a throwaway PostgreSQL, in one run: per database one server process, and
// in it, round after round, the cheapest route, a constant-answer POST of the tool call's body,
// cache hits (a new tool-call id per request, as Vapi sends them) and misses (every question
// different) at concurrency 1, then the first three at concurrency 50. Each ratio is taken against
// the baseline (or the constant POST) of its own round.
// Environment: BENCH_DURATION (s per run, 5), BENCH_RUNS (3), BENCH_DATABASES ("pglite,postgres").
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { startServerProcess } from '../test/support/server-process.ts'
import { machineLine, markdownTable, median, writeResult } from './report.ts'
import {
  BASELINE,
  CONSTANT_POST,
  cacheHitCall,
  cacheMissCall,
  type Figures,
  runLoad,
  type Scenario,
} from './scenarios.ts'
import { CONSTANT_ROUTE_ARGS, loadRestaurants, openDatabase, waitUntilServing } from './setup.ts'

const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',')
const PROFILE_DIR = process.env.BENCH_PROFILE

const baseline: Scenario = { name: BASELINE, request: () => ({ method: 'GET', path: '/api/health/live' }) }
const constant: Scenario = {
  name: CONSTANT_POST,
  request: (phone) => ({ ...cacheHitCall(phone), path: '/bench/constant' }),
}
const hit: Scenario = { name: 'tool call, cache hit', request: cacheHitCall }
const miss: Scenario = { name: 'tool call, cache miss', request: cacheMissCall }
const ROUNDS: { connections: number; scenarios: Scenario[] }[] = [
  { connections: 1, scenarios: [baseline, constant, hit, miss] },
  { connections: 50, scenarios: [baseline, constant, hit] },
]

/**
 * CPU seconds the server process has used (all its threads), from /proc: on a machine others load,
 * the CPU a request costs varies far less than the time it waits for a core.
 */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime are fields 14 and 15 of the line (11 and 12 after the command), in ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100
}

async function measure(postgres: boolean): Promise<{ label: string; rows: string[][] }> {
  const database = await openDatabase(postgres)
  try {
    const server = await startServerProcess(database.env, {
      nodeArgs: [
        ...CONSTANT_ROUTE_ARGS,
        ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : []),
      ],
    })
    const rows: string[][] = []
    try {
      await waitUntilServing(server.url)
      const phone = await loadRestaurants(server.url)
      for (const { connections, scenarios } of ROUNDS) {
        const figures = new Map(scenarios.map((s) => [s, [] as Figures[]]))
        const cpu = new Map(scenarios.map((s) => [s, [] as number[]]))
        const vsBaseline = new Map(scenarios.map((s) => [s, [] as number[]]))
        const vsConstant = new Map(scenarios.map((s) => [s, [] as number[]]))
        for (let run = 0; run < RUNS; run++) {
          const round = new Map<Scenario, number>()
          for (const scenario of scenarios) {
            const cpuBefore = cpuSeconds(server.pid)
            const result = await runLoad({
              url: server.url,
              connections,
              duration: DURATION,
              request: scenario.request(phone),
            })
            if (result.non2xx + result.errors > 0)
              throw new Error(`${scenario.name}: ${result.non2xx} non-2xx, ${result.errors} errors`)
            cpu.get(scenario)!.push(((cpuSeconds(server.pid) - cpuBefore) / result.total) * 1e6)
            round.set(scenario, result.requestsPerSecond)
            figures.get(scenario)!.push(result)
            vsBaseline.get(scenario)!.push(result.requestsPerSecond / round.get(baseline)!)
            vsConstant.get(scenario)!.push(result.requestsPerSecond / (round.get(constant) ?? Number.NaN))
            console.error(
              `  ${database.label}, run ${run + 1}/${RUNS}, ${connections} conn.: ${scenario.name}: ` +
                `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms`,
            )
          }
        }
        for (const scenario of scenarios) {
          const runs = figures.get(scenario)!
          const ratio = (values: number[]) => (values.some(Number.isNaN) ? '–' : median(values).toFixed(2))
          rows.push([
            scenario.name,
            String(connections),
            median(runs.map((r) => r.requestsPerSecond)).toFixed(0),
            median(runs.map((r) => r.p50)).toFixed(2),
            median(runs.map((r) => r.p99)).toFixed(2),
            ratio(vsBaseline.get(scenario)!),
            scenario === baseline ? '–' : ratio(vsConstant.get(scenario)!),
            median(cpu.get(scenario)!).toFixed(0),
          ])
        }
      }
    } finally {
      await server.stop()
    }
    return { label: database.label, rows }
  } finally {
    database.stop()
  }
}

const machine = machineLine()
const sections: string[] = []
for (const name of DATABASES) {
  const { label, rows } = await measure(name === 'postgres')
  sections.push(
    `## ${label}`,
    '',
    markdownTable(
      ['scenario', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'vs constant POST', 'server CPU µs/req'],
      rows,
    ),
    '',
  )
}
const report = [
  `# npm run bench -- tool-calls — ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}. ${RUNS} runs of ${DURATION} s per row, medians; ratios: median over rounds of the ` +
    "row's req/s over the baseline's (or the constant POST's) of the same round. Concurrency 1: a closed loop " +
    'timed with performance.now(); concurrency 50: autocannon. Load generator in its own process. ' +
    'Server CPU: the CPU time of the server process (all threads, /proc) over the run, per request answered.',
  '',
  ...sections,
].join('\n')
console.log(report)
const file = writeResult('tool-calls.md', report)
console.error(`written to ${path.relative(process.cwd(), file)}`)

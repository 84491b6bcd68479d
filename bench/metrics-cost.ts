// `npm run bench -- metrics`: what measuring costs. Two servers from the same build, one with
// METRICS_ENABLED=true (the default) and one with false, serve the cache-hit tool call in
// interleaved rounds (on, off, on, off…), so both see the same machine load; the cost is the
// median of each round's req/s ratio. Environment: BENCH_DURATION (s per run, 5), BENCH_RUNS (3),
// BENCH_CONNECTIONS ("1,50").
import { bundleA, NUMBER_A } from '../test/hardening/hardening.test-utils.ts'
import { BENCH_ADMIN_KEY, startServerProcess } from '../test/support/server-process.ts'
import { machineLine, markdownTable, median, writeResult } from './report.ts'
import { type Figures, runLoad, scenarios } from './scenarios.ts'

const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,50').split(',').map(Number)
const cacheHit = scenarios.find((s) => s.name === 'tool call, cache hit')!

async function startWithRestaurant(metricsEnabled: boolean) {
  const server = await startServerProcess({ METRICS_ENABLED: String(metricsEnabled) })
  // On a busy machine the embedded database can take longer to open than the helper waits.
  for (let waited = 0; waited < 180_000; waited += 500) {
    if (
      await fetch(`${server.url}/api/health/live`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const response = await fetch(`${server.url}/api/restaurants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(bundleA),
  })
  if (response.status !== 201) throw new Error(`loading the restaurant: ${response.status} ${await response.text()}`)
  return server
}

const machine = machineLine()
const started = performance.now()
const servers = { on: await startWithRestaurant(true), off: await startWithRestaurant(false) }
const rows: string[][] = []
try {
  for (const connections of CONNECTIONS) {
    const figures = { on: [] as Figures[], off: [] as Figures[] }
    const ratios: number[] = []
    for (let run = 0; run < RUNS; run++) {
      for (const mode of ['on', 'off'] as const) {
        const result = await runLoad({
          url: servers[mode].url,
          connections,
          duration: DURATION,
          request: cacheHit.request(NUMBER_A),
        })
        if (result.non2xx + result.errors > 0) throw new Error(`metrics ${mode}: failed requests`)
        figures[mode].push(result)
        console.error(
          `  run ${run + 1}/${RUNS}, ${connections} conn., metrics ${mode}: ` +
            `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms`,
        )
      }
      ratios.push(figures.on.at(-1)!.requestsPerSecond / figures.off.at(-1)!.requestsPerSecond)
    }
    for (const mode of ['off', 'on'] as const) {
      const runs = figures[mode]
      rows.push([
        `tool call, cache hit, metrics ${mode}`,
        String(connections),
        median(runs.map((r) => r.requestsPerSecond)).toFixed(0),
        median(runs.map((r) => r.p50)).toFixed(2),
        median(runs.map((r) => r.p99)).toFixed(2),
        mode === 'on' ? median(ratios).toFixed(3) : '1.000',
      ])
    }
  }
} finally {
  await servers.on.stop()
  await servers.off.stop()
}

const report = [
  `# npm run bench -- metrics — ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}. Database: embedded PGlite. ${RUNS} interleaved rounds of ${DURATION} s per row, medians;`,
  'ratio: median over the rounds of req/s with metrics over req/s without, measured in the same round.',
  '',
  markdownTable(['scenario', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'vs metrics off'], rows),
  '',
  `Total bench time ${((performance.now() - started) / 1000).toFixed(0)} s.`,
].join('\n')
console.log(report)
writeResult('metrics-cost-pglite.md', report)

// `npm run bench`: starts the server (embedded PGlite by default; PostgreSQL with DATABASE_URL, or a
// throwaway one with `npm run bench -- postgres` / BENCH_POSTGRES=1), loads restaurants through the
// API, drives each scenario from a separate load process, and prints one table with ratios to the
// baseline measured in the same run, then the server's memory and the indexing cost.
// `npm run bench -- scale`: search at scale (bench/scale.ts); `npm run bench -- metrics`: the cost
// of METRICS_ENABLED on the cache-hit tool call (bench/metrics-cost.ts); `npm run bench -- startup`:
// seconds from `npm start` until health answers, first start and restart (bench/startup.ts);
// `npm run bench -- memory`: the embedded server's resident memory at idle (bench/idle-memory.ts);
// `npm run bench -- square`: Square catalog sync and sold-out-to-answer times (bench/square.ts).
// `npm run bench -- tool-calls`: a tool call against the framework's own cost, PGlite and PostgreSQL
// in one run (bench/tool-calls.ts).
// `npm run bench -- local-embeddings`: the offline provider's load time, memory and time per question.
//
// Environment: BENCH_DURATION (s per run, 10), BENCH_RUNS (medians of, 3), BENCH_CONNECTIONS
// ("1,50"), BENCH_ONLY (comma-separated substrings of the scenarios to run, e.g. "baseline,cache hit";
// ratios need the baseline),
// BENCH_INDEXING=0 (skip the indexing cost), BENCH_PROFILE=<dir> (server under --cpu-prof;
// summarise with `node bench/profile-summary.mjs <dir>/*.cpuprofile`).
import path from 'node:path'
import { loadConfig } from '../src/config.ts'
import { BENCH_ADMIN_KEY, startServerProcess } from '../test/support/server-process.ts'
import { measureIndexing } from './indexing.ts'
import { machineLine, markdownTable, median, writeResult } from './report.ts'
import { BASELINE, BENCH_USER, type Figures, orderCall, runLoad, scenarios } from './scenarios.ts'
import { CONSTANT_ROUTE_ARGS, loadRestaurants, openDatabase } from './setup.ts'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,50').split(',').map(Number)
const ONLY = process.env.BENCH_ONLY?.split(',')

/**
 * The rate limit the server runs with. The bench lifts nothing: it measures the default
 * configuration unless RATE_LIMIT_PER_MINUTE is set in its environment, and says which.
 */
function rateLimitLine(): string {
  const given = process.env.RATE_LIMIT_PER_MINUTE
  const perMinute = loadConfig({ RATE_LIMIT_PER_MINUTE: given }).rateLimitPerMinute
  const how = given
    ? `RATE_LIMIT_PER_MINUTE=${given} from the environment (not the default)`
    : `the default, ${perMinute} requests a minute`
  return (
    `Rate limit: ${how} per operator or restaurant key and per address without a valid credential; ` +
    'verified Vapi webhooks are not counted.'
  )
}

/** The order scenarios measure a priced quote, not a refusal: checked once before they run. */
async function checkQuote(url: string, phone: string) {
  const request = orderCall(phone, 'quote_order')
  const response = await fetch(`${url}${request.path}`, {
    method: 'POST',
    headers: request.headers,
    body: request.body!.replaceAll('[<id>]', 'check'),
  })
  const result: string = (await response.json()).results?.[0]?.result ?? ''
  if (!/total \$\d/.test(result)) throw new Error(`quote_order is not priced in the bench: ${result}`)
}

/** The owner of the sign-in scenario: invited by the operator, then accepted with a password. */
async function createBenchUser(url: string) {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    return response.json()
  }
  const { token } = await post(
    '/api/invites',
    { email: BENCH_USER.email, role: 'operator' },
    { authorization: `Bearer ${BENCH_ADMIN_KEY}` },
  )
  await post('/api/auth/accept-invite', { token, password: BENCH_USER.password })
}

async function main() {
  const database = await openDatabase()
  const profileDir = process.env.BENCH_PROFILE
  const started = performance.now()
  const machine = machineLine()
  const sections: string[] = []
  let idleRss = 0
  let peakRss = 0
  try {
    const server = await startServerProcess(database.env, {
      nodeArgs: [
        ...CONSTANT_ROUTE_ARGS,
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : []),
      ],
    })
    const rows: string[][] = []
    try {
      const phone = await loadRestaurants(server.url)
      await createBenchUser(server.url)
      await checkQuote(server.url, phone)
      idleRss = peakRss = server.rssMb()
      const sample = () => {
        peakRss = Math.max(peakRss, server.rssMb())
      }
      const selected = scenarios.filter((s) => !ONLY || ONLY.some((part) => s.name.includes(part)))
      for (const connections of CONNECTIONS) {
        // Runs interleave (baseline, a, b, c, baseline, a, …) and each ratio is taken against the
        // baseline of its own round: on a shared machine the load drifts between rounds.
        const figures = new Map(selected.map((s) => [s, [] as Figures[]]))
        const ratios = new Map(selected.map((s) => [s, [] as number[]]))
        for (let run = 0; run < RUNS; run++) {
          let baseline = 0
          for (const scenario of selected) {
            const result = await runLoad({
              url: server.url,
              connections,
              duration: DURATION,
              request: scenario.request(phone),
              sample,
            })
            if (scenario.name === BASELINE) baseline = result.requestsPerSecond
            figures.get(scenario)!.push(result)
            if (baseline) ratios.get(scenario)!.push(result.requestsPerSecond / baseline)
            const failed =
              result.non2xx + result.errors
                ? ` (non-2xx ${result.non2xx}, errors ${result.errors}: ${JSON.stringify(result.statuses ?? {})}, ` +
                  `timeouts ${result.timeouts ?? 0})`
                : ''
            console.error(
              `  run ${run + 1}/${RUNS}, ${connections} conn.: ${scenario.name}: ` +
                `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms${failed}`,
            )
          }
        }
        for (const scenario of selected) {
          const runs = figures.get(scenario)!
          const failures = runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0)
          const ratio = ratios.get(scenario)!
          rows.push([
            scenario.name,
            String(connections),
            median(runs.map((r) => r.requestsPerSecond)).toFixed(0),
            median(runs.map((r) => r.p50)).toFixed(2),
            median(runs.map((r) => r.p99)).toFixed(2),
            ratio.length ? median(ratio).toFixed(2) : '–',
            String(failures),
          ])
        }
      }
    } finally {
      await server.stop()
    }
    sections.push(
      markdownTable(['scenario', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'non-2xx'], rows),
      '',
      `Server memory (RSS): ${idleRss.toFixed(0)} MB idle after loading, ` +
        `${peakRss.toFixed(0)} MB peak under load (sampled every 100 ms).`,
    )
    if (process.env.BENCH_INDEXING !== '0') {
      const indexing = await measureIndexing({ databaseEnv: database.env })
      sections.push(
        '',
        'Indexing cost (EMBEDDING_PROVIDER=openai against a fake OpenAI server on loopback, requests counted there):',
        '',
        indexing.markdown,
      )
    }
  } finally {
    database.stop()
  }
  const report = [
    `# npm run bench — ${new Date().toISOString()}`,
    '',
    `Machine: ${machine}. Database: ${database.label}. ${RUNS} runs of ${DURATION} s per row, medians; ` +
      "ratios: median of each round's req/s over the baseline's of the same round (rounds interleave the scenarios).",
    'Concurrency 1: a closed loop timed with performance.now(); concurrency 50: autocannon. ' +
      'Load generator in its own process.',
    rateLimitLine(),
    '',
    ...sections,
    '',
    `Total bench time ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  ].join('\n')
  console.log(report)
  const file = writeResult(`latest-${database.env.DATABASE_URL ? 'postgres' : 'pglite'}.md`, report)
  console.error(`written to ${path.relative(process.cwd(), file)}`)
  if (profileDir)
    console.error(
      `CPU profile in ${profileDir}; summarise with: node bench/profile-summary.mjs ${profileDir}/*.cpuprofile`,
    )
}

if (process.argv.includes('scale')) await import('./scale.ts')
else if (process.argv.includes('startup')) await import('./startup.ts')
else if (process.argv.includes('memory')) await import('./idle-memory.ts')
else if (process.argv.includes('metrics')) await import('./metrics-cost.ts')
else if (process.argv.includes('square')) await import('./square.ts')
else if (process.argv.includes('tool-calls')) await import('./tool-calls.ts')
else if (process.argv.includes('local-embeddings')) await import('./local-embeddings.ts')
else await main()

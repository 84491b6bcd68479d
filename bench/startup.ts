// `npm run bench -- startup`: how long a person waits after `npm start` until GET /api/health
// answers, on a new DATA_DIR (the first start after `npm install`: the embedded database is
// created) and again on the same DATA_DIR (a restart). Each run is the real command, on a free
// port, stopped with SIGTERM to npm's pid; medians of BENCH_RUNS (3).
// BENCH_START_DIR=<another checkout> measures that one instead (e.g. main, for a before/after).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { npmStart, waitForHealth } from '../test/support/npm-start.ts'
import { machineLine, markdownTable, median, writeResult } from './report.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const cwd = path.resolve(process.env.BENCH_START_DIR ?? path.join(import.meta.dirname, '..'))

/**
 * CPU seconds the processes of `npm start` (npm, the build checks, the server: its process group)
 * used so far, from /proc: on a shared machine the wall time grows with the others' load, the CPU
 * time much less, so it says what the start costs on an idle machine (where it is close to the wall).
 */
function groupCpuSeconds(group: number): number {
  let ticks = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // After the command: state(0) ppid(1) pgrp(2) … utime(11) stime(12) cutime(13) cstime(14);
      // cutime and cstime count the children already waited for (npm's build checks).
      if (Number(fields[2]) === group)
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    } catch {}
  }
  return ticks / 100 // USER_HZ, 100 on Linux
}

type Timing = { wall: number; cpu: number }

/** One `npm start` on `dataDir` until health answers, then stopped: the wall and CPU seconds it took. */
async function timeStart(dataDir: string): Promise<Timing> {
  const server = await npmStart({}, { dataDir, cwd })
  try {
    const ms = await waitForHealth(server)
    const cpu = groupCpuSeconds(server.pid)
    // The whole group, so that a launcher that does not pass the signal on (before issue 32) still
    // stops its server cleanly, and the restart measures a database closed properly.
    process.kill(-server.pid, 'SIGTERM')
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 15_000))])
    try {
      process.kill(-server.pid, 'SIGKILL')
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500))
    return { wall: ms / 1000, cpu }
  } catch (error) {
    await server.kill()
    throw error
  }
}

const machine = machineLine()
const first: Timing[] = []
const restart: Timing[] = []
const show = ({ wall, cpu }: Timing) => `${wall.toFixed(1)} s (CPU ${cpu.toFixed(1)} s)`
for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rv-bench-start-'))
  try {
    first.push(await timeStart(dataDir))
    restart.push(await timeStart(dataDir))
    console.error(`  run ${run + 1}/${RUNS}: first start ${show(first.at(-1)!)}, restart ${show(restart.at(-1)!)}`)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
const row = (name: string, runs: Timing[]) => {
  const walls = runs.map((run) => run.wall)
  return [
    name,
    median(walls).toFixed(1),
    Math.min(...walls).toFixed(1),
    Math.max(...walls).toFixed(1),
    median(runs.map((run) => run.cpu)).toFixed(1),
  ]
}
const report = [
  `# npm run bench -- startup — ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}. Checkout: ${cwd}. ${RUNS} runs, seconds from \`npm start\` until GET /api/health answers,`,
  'embedded PGlite, development keys, dashboard already built (as `npm install` leaves it).',
  'CPU s: the CPU time the processes of `npm start` (npm, build checks, server) used until then, median.',
  '',
  markdownTable(
    ['', 'median s', 'min s', 'max s', 'CPU s'],
    [row('first start (new DATA_DIR)', first), row('restart', restart)],
  ),
].join('\n')
console.log(report)
const file = writeResult('startup-pglite.md', report)
console.error(`written to ${path.relative(process.cwd(), file)}`)

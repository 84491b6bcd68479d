import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from '../../scripts/test-services.mjs'

export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789'
export const BENCH_VAPI_SECRET = 'bench-vapi-secret-0123456789'

export type ServerProcess = { url: string; pid: number; child: ChildProcess; rssMb(): number; stop(): Promise<void> }

/**
 * Starts `src/start.ts` as production would, on a free port, and waits until it answers.
 * `nodeArgs` go to node itself, e.g. `--cpu-prof` (which NODE_OPTIONS does not accept).
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  { nodeArgs = [] }: { nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rv-bench-'))
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/start.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: BENCH_ADMIN_KEY,
      VAPI_SECRET_KEY: BENCH_VAPI_SECRET,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    const ok = await fetch(`${url}/api/health/live`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    pid: child.pid!,
    child,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
    },
    stop: async () => {
      // A process that already exited (crashed) emits no second 'exit' to wait for.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

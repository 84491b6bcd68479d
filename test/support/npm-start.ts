import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from '../../scripts/test-services.mjs'

const ROOT = path.resolve(import.meta.dirname, '../..')

export type StartedServer = {
  /** The pid of `npm start` itself: what a process manager would signal. */
  pid: number
  port: number
  url: string
  dataDir: string
  child: ChildProcess
  /** Everything the command printed so far (stdout and stderr). */
  output(): string
  /** Resolves with the exit code (or signal) once `npm start` exits. */
  exited: Promise<number | string>
  /** Stops the whole process group, whatever state it is in. */
  kill(): Promise<void>
}

/**
 * `npm start` exactly as a person types it on a fresh clone: no keys (the well-known development
 * ones), a new DATA_DIR, on a free port. `env` adds or overrides variables; an empty string keeps
 * a variable unset (and a `.env` file from setting it).
 */
export async function npmStart(
  env: Record<string, string> = {},
  {
    dataDir = mkdtempSync(path.join(tmpdir(), 'rv-start-')),
    cwd = ROOT,
  }: {
    dataDir?: string
    /** Another checkout of the project to start (the bench compares one with this one). */
    cwd?: string
  } = {},
): Promise<StartedServer> {
  const port = await freePort()
  let output = ''
  const child = spawn('npm', ['start'], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: '',
      VAPI_SECRET_KEY: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that kill() can end everything it started whatever happens.
    detached: true,
  })
  child.stdout!.on('data', (chunk) => {
    output += chunk
  })
  child.stderr!.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  return {
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    output: () => output,
    exited,
    kill: async () => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 200))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Waits until GET /api/health answers (any status), or the command exits, or `timeoutMs` passes. */
export async function waitForHealth(server: StartedServer, { timeoutMs = 120_000 } = {}): Promise<number> {
  const started = performance.now()
  let exitedWith: number | string | undefined
  void server.exited.then((code) => {
    exitedWith = code
  })
  while (performance.now() - started < timeoutMs) {
    if (exitedWith !== undefined) throw new Error(`npm start exited with ${exitedWith}:\n${server.output()}`)
    const status = await fetch(`${server.url}/api/health`).then(
      (response) => response.status,
      () => 0,
    )
    if (status) return performance.now() - started
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no answer from ${server.url} after ${timeoutMs} ms:\n${server.output()}`)
}

/** Whether something accepts TCP connections on host:port. */
export async function accepts(host: string, port: number): Promise<boolean> {
  const { connect } = await import('node:net')
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.setTimeout(2000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

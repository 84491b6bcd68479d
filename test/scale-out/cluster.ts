import { type ChildProcess, spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import { freePort, type PostgresService, startPostgres } from '../../scripts/test-services.mjs'
import {
  BENCH_ADMIN_KEY,
  BENCH_VAPI_SECRET,
  type ServerProcess,
  startServerProcess,
} from '../support/server-process.ts'

/**
 * A small production deployment on this machine: its own PostgreSQL cluster (so stopping it
 * disturbs no other test file), its own redis-server, migrations run by two processes at once,
 * and two server processes sharing both, as N instances behind a load balancer would.
 */

/** Why the scale-out suites cannot run here, or undefined when they can (scripts/test.mjs sets both in CI). */
export const missingServices = !process.env.TEST_POSTGRES_URL
  ? 'TEST_POSTGRES_URL is not set (PostgreSQL with pgvector not installed)'
  : !process.env.TEST_REDIS_SERVER
    ? 'TEST_REDIS_SERVER is not set (redis-server not installed)'
    : undefined

export const operator = { authorization: `Bearer ${BENCH_ADMIN_KEY}` }
export const vapiHeaders = { 'x-vapi-secret': BENCH_VAPI_SECRET }

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined)
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** A redis-server this suite may kill and start again on the same port. */
export type RedisControl = { url: string; client: Redis; kill(): Promise<void>; start(): Promise<void> }

async function startRedisServer(binary: string): Promise<RedisControl> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  // Its own client for observing keys; it reconnects by itself after a restart.
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 100 })
  client.on('error', () => {})
  const control: RedisControl = {
    url,
    client,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return
      child = spawn(
        binary,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
        { stdio: 'ignore' },
      )
      if (client.status === 'wait') await client.connect().catch(() => {})
      await waitFor('redis to accept commands', async () => (await client.ping()) === 'PONG')
    },
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child!.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    },
  }
  await control.start()
  return control
}

/** `npm run migrate`, as a deploy step would run it; resolves with its output. */
function runMigrate(databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/scripts/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('exit', (code) =>
      code === 0 ? resolve(output.trim()) : reject(new Error(`migrate exited with ${code}: ${output}`)),
    )
  })
}

export type Cluster = {
  postgres: PostgresService
  redis: RedisControl
  /** What the two concurrent `npm run migrate` runs printed. */
  migrateOutputs: string[]
  a: ServerProcess
  b: ServerProcess
  stop(): Promise<void>
}

export async function startCluster(extraEnv: Record<string, string> = {}): Promise<Cluster> {
  const postgres = await startPostgres()
  if (!postgres) throw new Error('PostgreSQL with pgvector not found')
  const stops: Array<() => Promise<void> | void> = [() => postgres.stop()]
  try {
    const redis = await startRedisServer(process.env.TEST_REDIS_SERVER!)
    stops.push(
      () => {
        redis.client.disconnect()
      },
      () => redis.kill(),
    )
    const migrateOutputs = await Promise.all([runMigrate(postgres.url), runMigrate(postgres.url)])
    const env = {
      DATABASE_URL: postgres.url,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: redis.url,
      LOG_LEVEL: process.env.SCALE_LOG_LEVEL ?? 'fatal',
      ...extraEnv,
    }
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)])
    stops.push(
      () => a.stop(),
      () => b.stop(),
    )
    return { postgres, redis, migrateOutputs, a, b, stop: () => stopAll(stops) }
  } catch (error) {
    await stopAll(stops)
    throw error
  }
}

async function stopAll(stops: Array<() => Promise<void> | void>) {
  for (const stop of stops.reverse()) {
    try {
      await stop()
    } catch {
      /* already gone */
    }
  }
}

/** JSON over real HTTP to one instance. */
export async function call(
  server: ServerProcess,
  method: string,
  path: string,
  { headers = operator, body }: { headers?: Record<string, string>; body?: unknown } = {},
) {
  const response =
    body === undefined
      ? await fetch(`${server.url}${path}`, { method, headers })
      : await fetch(`${server.url}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

/** The Vapi tool-calls message for one question to the restaurant behind `number`. */
export function toolCallMessage({
  number,
  tool,
  query,
  callId = 'scale-call',
}: {
  number: string
  tool: string
  query: string
  callId?: string
}) {
  return {
    message: {
      type: 'tool-calls',
      call: { id: callId, type: 'inboundPhoneCall', customer: { number: '+15551230000' } },
      phoneNumber: { provider: 'twilio', number },
      customer: { number: '+15551230000' },
      toolCallList: [{ id: 'tc-1', type: 'function', function: { name: tool, arguments: { query } } }],
    },
  }
}

/** Asks one instance a tool question as Vapi would; returns the status and the spoken result. */
export async function ask(
  server: ServerProcess,
  input: { number: string; tool?: string; query: string; callId?: string },
) {
  const response = await call(server, 'POST', '/api/vapi/server', {
    headers: vapiHeaders,
    body: toolCallMessage({ tool: 'get_menu_info', ...input }),
  })
  const [first] = response.body?.results ?? []
  return {
    status: response.status,
    body: response.body,
    result: first?.result as string | undefined,
    error: first?.error as string | undefined,
  }
}

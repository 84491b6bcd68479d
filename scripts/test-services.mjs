// Starts the throwaway services the test suite runs against: a PostgreSQL cluster with
// pgvector in a temporary folder on a loopback port, and a Redis with persistence off.
// Used by scripts/test.mjs and bench; each returns a stop() function.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function findPostgresBin() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  for (const version of readdirSync(root).sort().reverse()) {
    const bin = path.join(root, version, 'bin')
    const hasVector = existsSync(`/usr/share/postgresql/${version}/extension/vector.control`)
    if (existsSync(path.join(bin, 'initdb')) && hasVector) return bin
  }
  return undefined
}

const isRoot = process.getuid?.() === 0

/** Runs a PostgreSQL binary; initdb refuses root, so as root it runs as the postgres user. */
function runPg(bin, args, options = {}) {
  const command = isRoot ? 'runuser' : bin
  const fullArgs = isRoot ? ['-u', 'postgres', '--', bin, ...args] : args
  return execFileSync(command, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
}

export async function startPostgres() {
  const bin = findPostgresBin()
  if (!bin) return undefined
  const dir = mkdtempSync(path.join(tmpdir(), 'rv-pg-'))
  chmodSync(dir, 0o777)
  const dataDir = path.join(dir, 'data')
  const port = await freePort()
  if (isRoot) execFileSync('chown', ['postgres', dir])
  runPg(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'])
  runPg(path.join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-t',
    '30',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off ` +
      '-c full_page_writes=off -c max_connections=300',
    'start',
  ])
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const pgCtl = (action) =>
    runPg(path.join(bin, 'pg_ctl'), [
      '-D',
      dataDir,
      '-w',
      '-t',
      '30',
      '-m',
      'fast',
      ...(action === 'start'
        ? [
            '-l',
            path.join(dir, 'log'),
            '-o',
            `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off ` +
              '-c max_connections=300',
          ]
        : []),
      action,
    ])
  return {
    url,
    port,
    dataDir,
    /** For fault tests: stop and start the same cluster on the same port. */
    stopServer: () => pgCtl('stop'),
    startServer: () => pgCtl('start'),
    stop() {
      try {
        pgCtl('stop')
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export function findRedisServer() {
  const result = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

export async function startRedis() {
  const binary = findRedisServer()
  if (!binary) return undefined
  const port = await freePort()
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: 'ignore' },
  )
  await new Promise((resolve) => setTimeout(resolve, 300))
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    binary,
    stop() {
      child.kill('SIGTERM')
    },
  }
}

#!/usr/bin/env node
// `npm test`: starts PostgreSQL (with pgvector) and Redis when this machine has them, then
// runs every *.test.ts with Node's test runner. Each suite runs on embedded PGlite and, when
// PostgreSQL is available, on the real server too. In CI both are required.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { startPostgres, startRedis } from './test-services.mjs'

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : findTests(full)
    return name.endsWith('.test.ts') ? [full] : []
  })
}

const filter = process.argv.slice(2)
const files = ['src', 'test']
  .flatMap((dir) => findTests(dir))
  .sort()
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))

// The browser suites serve the built dashboard; built once here, before they run side by side,
// since two builds at once would empty web/dist under each other.
if (files.some((file) => file.includes(`${path.sep}browser${path.sep}`))) {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const env = { ...process.env, NODE_ENV: 'test' }
const stops = []
if (!env.TEST_POSTGRES_URL) {
  const postgres = await startPostgres()
  if (postgres) {
    env.TEST_POSTGRES_URL = postgres.url
    env.TEST_POSTGRES_DATA_DIR = postgres.dataDir
    stops.push(() => postgres.stop())
    console.log(`# PostgreSQL with pgvector on ${postgres.url}`)
  } else if (process.env.CI) {
    console.error('PostgreSQL with pgvector is required in CI (run shared/ci/install-postgres-pgvector.sh)')
    process.exit(1)
  } else {
    console.log('# PostgreSQL with pgvector not found: running on embedded PGlite only')
  }
}
if (!env.TEST_REDIS_URL) {
  const redis = await startRedis()
  if (redis) {
    env.TEST_REDIS_URL = redis.url
    env.TEST_REDIS_SERVER = redis.binary
    stops.push(() => redis.stop())
    console.log(`# Redis on ${redis.url}`)
  } else if (process.env.CI) {
    console.error('redis-server is required in CI (apt-get install redis-server)')
    process.exit(1)
  } else {
    console.log('# redis-server not found: Redis suites will use the in-process cache only')
  }
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
)
const stopAll = () => {
  for (const stop of stops.reverse()) {
    try {
      stop()
    } catch (error) {
      console.error(error)
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    child.kill(signal)
  })
child.on('exit', (code, signal) => {
  stopAll()
  process.exit(code ?? (signal ? 1 : 0))
})

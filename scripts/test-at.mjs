#!/usr/bin/env node
// `npm run test:at -- <instant> [file filters…]`: `npm test` with the clock of every process it
// starts (Node, PostgreSQL, Redis, Chromium) moved to <instant>, e.g. 2027-03-14T09:30Z, through
// libfaketime (Debian's faketime package). The clock keeps its normal pace from there. A test that
// passes here and at the real date states its own clock, or does not depend on one.
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const [instant, ...filters] = process.argv.slice(2)
const target = Date.parse(instant ?? '')
if (Number.isNaN(target)) {
  console.error('usage: npm run test:at -- <ISO instant, e.g. 2027-03-14T09:30Z> [file filters…]')
  process.exit(2)
}
const library = ['x86_64', 'aarch64']
  .map((arch) => `/usr/lib/${arch}-linux-gnu/faketime/libfaketime.so.1`)
  .find((file) => existsSync(file))
if (!library) {
  console.error('libfaketime not found: apt-get install faketime')
  process.exit(2)
}
// Redis aborts under libfaketime (its allocator reads the clock while libfaketime starts up), so
// the tests find a redis-server that runs on the real clock; its expiries are relative anyway.
const PATH = [process.env.PATH]
const redis = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim()
if (redis) {
  const bin = mkdtempSync(path.join(tmpdir(), 'rv-test-at-'))
  writeFileSync(path.join(bin, 'redis-server'), `#!/bin/sh\nunset LD_PRELOAD FAKETIME\nexec ${redis} "$@"\n`)
  chmodSync(path.join(bin, 'redis-server'), 0o755)
  PATH.unshift(bin)
}
const offsetSeconds = Math.round((target - Date.now()) / 1000)
console.log(
  `# clock moved to ${new Date(target).toISOString()} (FAKETIME=${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds})`,
)
const child = spawn(process.execPath, ['scripts/test.mjs', ...filters], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PATH: PATH.join(path.delimiter),
    FAKETIME: `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`,
    LD_PRELOAD: [library, process.env.LD_PRELOAD].filter(Boolean).join(':'),
  },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))

#!/usr/bin/env node
// `npm run test:at -- <instant> [file filters…]`: `npm test` with the clock of every process it
// starts (Node, PostgreSQL, Redis, Chromium) moved to <instant>, e.g. 2027-03-14T09:30Z, through
// libfaketime (Debian's faketime package). The clock keeps its normal pace from there. A test that
// passes here and at the real date states its own clock, or does not depend on one.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

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
const offsetSeconds = Math.round((target - Date.now()) / 1000)
const faketime = `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`
console.log(`# clock moved to ${new Date(target).toISOString()} (FAKETIME=${faketime})`)
const child = spawn(process.execPath, ['scripts/test.mjs', ...filters], {
  stdio: 'inherit',
  env: {
    ...process.env,
    FAKETIME: faketime,
    LD_PRELOAD: [library, process.env.LD_PRELOAD].filter(Boolean).join(':'),
  },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))

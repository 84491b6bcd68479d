#!/usr/bin/env node
// Compiles the server (src/ → dist/) when the build is missing or older than its sources, so that
// `npm start` runs plain JavaScript: no TypeScript loader at run time. `--force` always builds.
// dist/ sits at the depth of src/, so paths such as '../../../migrations' resolve the same from both.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = path.join(root, 'dist', 'start.js')

function newestMtime(entry) {
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))))
}

const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((name) =>
  path.join(root, name),
)
const stale =
  process.argv.includes('--force') ||
  !existsSync(built) ||
  Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs
if (!stale) process.exit(0)

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')
if (!existsSync(tsc)) {
  console.error(
    existsSync(built)
      ? 'dist/ is older than src/ and TypeScript is not installed to rebuild it (npm install without --omit=dev)'
      : 'dist/ is missing and TypeScript is not installed to build it (npm install without --omit=dev)',
  )
  process.exit(existsSync(built) ? 0 : 1)
}
console.log('compiling the server (src/ → dist/)…')
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
})
if (result.status !== 0) process.exit(result.status ?? 1)
// An incremental build rewrites only what changed: mark the build as newer than its sources.
const now = new Date()
utimesSync(built, now, now)

#!/usr/bin/env node
// Builds the dashboard (web/ → web/dist) when the build is missing or older than its sources, so
// that `npm install && npm start` serves it with no extra step. `--force` always builds.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const web = path.join(root, 'web')
const built = path.join(web, 'dist', 'index.html')

function newestMtime(entry) {
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))))
}

const sources = ['src', 'index.html', 'vite.config.ts'].map((name) => path.join(web, name))
const lockfile = path.join(root, 'package-lock.json')
const stale =
  process.argv.includes('--force') ||
  !existsSync(built) ||
  Math.max(...sources.map(newestMtime), statSync(lockfile).mtimeMs) > statSync(built).mtimeMs

if (!stale) process.exit(0)
console.log('building the dashboard (web/ → web/dist)…')
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js')
if (!existsSync(vite)) {
  // An install without dev dependencies cannot build; the server then says how to build.
  console.warn('vite is not installed (npm install without --omit=dev builds the dashboard)')
  process.exit(0)
}
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
if (result.status !== 0) process.exit(result.status ?? 1)

// Compressed once here, served as is by @fastify/static (preCompressed): phones get ~4x fewer bytes.
for (const dir of [path.join(web, 'dist'), path.join(web, 'dist', 'assets')]) {
  for (const name of readdirSync(dir).filter((n) => /\.(js|css|html|svg)$/.test(n))) {
    const file = path.join(dir, name)
    const content = readFileSync(file)
    writeFileSync(`${file}.br`, brotliCompressSync(content))
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
  }
}

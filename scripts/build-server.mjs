#!/usr/bin/env node
// Bundles the server (src/ → .cache/server/start.mjs, npm packages left as they are) when the bundle
// is missing or older than its sources, so that `npm start` runs plain JavaScript: loading ~250
// TypeScript modules one by one through tsx's loader took seconds of every start. The bundle is made
// by esbuild, the same compiler tsx runs, with source maps for readable stack traces. `--force`
// always builds.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SERVER_BUNDLE = path.join(root, '.cache', 'server', 'start.mjs')

function newestMtime(entry) {
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))))
}

const sources = [path.join(root, 'src'), path.join(root, 'package-lock.json'), fileURLToPath(import.meta.url)]
const stale =
  process.argv.includes('--force') ||
  !existsSync(SERVER_BUNDLE) ||
  Math.max(...sources.map(newestMtime)) > statSync(SERVER_BUNDLE).mtimeMs

if (stale) {
  // esbuild comes with tsx (a dependency), which compiles the same sources for the scripts and tests.
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild')
  const { outputFiles } = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'start.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  })
  // Written whole, then renamed (the map first): two starts at once never run half a bundle.
  mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true })
  for (const file of [...outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1))) {
    const draft = `${file.path}.${process.pid}.tmp`
    writeFileSync(draft, file.contents)
    renameSync(draft, file.path)
  }
}

// Summarises V8 .cpuprofile files (from `BENCH_PROFILE=<dir> npm run bench`, i.e. node --cpu-prof):
// self time by function and by module (an npm package, one of our files, node internals), so
// that what dominates a path is visible without opening DevTools.
// Usage: node bench/profile-summary.mjs <file.cpuprofile>… [--top=25] [--skip=<s>]
// --skip leaves out the first seconds of the profile (start-up, loading the restaurants).
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25)
const skipUs = Number(args.find((a) => a.startsWith('--skip='))?.slice(7) ?? 0) * 1e6

function moduleOf(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  if (url.startsWith('node:')) return 'node:internals'
  const ours = /\/((?:src|bench|test)\/.*)$/.exec(url)
  return ours ? ours[1] : url
}

for (const file of args.filter((a) => !a.startsWith('--'))) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMs = new Map()
  // timeDeltas[i] is the time before sample i; attribute it to the sampled node.
  let elapsedUs = 0
  profile.samples.forEach((id, i) => {
    elapsedUs += profile.timeDeltas[i] ?? 0
    if (elapsedUs >= skipUs) selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0)
  const idle = [...selfMs]
    .filter(([id]) => byId.get(id).callFrame.functionName === '(idle)')
    .reduce((a, [, ms]) => a + ms, 0)
  const functions = new Map()
  const modules = new Map()
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame
    if (functionName === '(idle)') continue
    const name = functionName || '(anonymous)'
    const module = moduleOf(url, name)
    const key = `${name}  ${module}${url ? `:${lineNumber + 1}` : ''}`
    functions.set(key, (functions.get(key) ?? 0) + ms)
    modules.set(module, (modules.get(module) ?? 0) + ms)
  }
  const busy = total - idle
  const show = (title, map) => {
    console.log(`\n${title}`)
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${key}`)
    }
  }
  console.log(
    `# ${file}: ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy ` +
      `(${((100 * busy) / total).toFixed(0)} %); percentages of busy time`,
  )
  show('self time by module', modules)
  show('self time by function', functions)
}

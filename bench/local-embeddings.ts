// `npm run bench -- local-embeddings`: the offline embedding provider on its own, in a fresh process:
// the time and memory of its first use (the word knowledge it loads), then the time to embed one
// caller question (what a cache miss adds before the search), over every question of examples/.
// BENCH_CODE_DIR=<another checkout> measures that checkout's provider (a before/after).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { median } from './report.ts'

const root = path.resolve(process.env.BENCH_CODE_DIR ?? path.join(import.meta.dirname, '..'))
const examples = path.join(import.meta.dirname, '..', 'examples')
const sets = [examples, ...readdirSync(examples).map((name) => path.join(examples, name))]
const questions = sets.flatMap((dir) => {
  try {
    return readFileSync(path.join(dir, 'questions.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line).query as string)
  } catch {
    return []
  }
})

const memory = () => process.memoryUsage()
const before = memory()
const imported = performance.now()
const { embedLocally, LOCAL_EMBEDDING_MODEL } = await import(
  pathToFileURL(path.join(root, 'src/infra/embeddings/local-embeddings.ts')).href
)
const loadStarted = performance.now()
embedLocally('warm up')
const firstUse = performance.now() - loadStarted
const after = memory()
const times: number[] = []
for (const question of questions) {
  const started = performance.now()
  embedLocally(question)
  times.push(performance.now() - started)
}
times.sort((a, b) => a - b)
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
console.log(`provider: ${LOCAL_EMBEDDING_MODEL} (${root})`)
console.log(`import ${(loadStarted - imported).toFixed(0)} ms; first use (loads its data) ${firstUse.toFixed(0)} ms`)
console.log(`memory after first use: RSS +${mb(after.rss - before.rss)}, heap +${mb(after.heapUsed - before.heapUsed)}`)
console.log(
  `embedding one question (${times.length} questions): median ${median(times).toFixed(3)} ms, ` +
    `p99 ${times[Math.floor(times.length * 0.99)]!.toFixed(3)} ms`,
)

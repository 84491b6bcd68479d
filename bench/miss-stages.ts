// Where a cache miss's time goes, in-process on the embedded database: the example restaurants
// loaded through the API, then every question of a folder asked once per round (each one new to the answer
// cache) through the real webhook, with the dispatcher's stage timings (embed, search, rank).
// Usage: npx tsx bench/miss-stages.ts [rounds] [bench | folder] — run it under `node --cpu-prof` to profile.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Writable } from 'node:stream'
import pino from 'pino'
import { createServer } from '../src/app/server.ts'
import { buildServices } from '../src/app/services.ts'
import { loadConfig, overrideConfig } from '../src/config.ts'
import { createPgliteDatabase } from '../src/infra/db/database.ts'
import { migrate } from '../src/infra/db/migrate.ts'
import { parseQuestions } from '../src/modules/knowledge/eval.models.ts'

const ROUNDS = Number(process.argv[2] ?? 3)
const ADMIN = 'bench-admin-key-0123456789'
const SECRET = 'bench-vapi-secret-0123456789'
// A folder with restaurants/ and questions.jsonl (the examples by default), or `bench`.
const given = process.argv[3] ?? 'examples'
const examples = path.resolve(import.meta.dirname, '..', given === 'bench' ? 'examples' : given)

const stageLog: { stages: Record<string, number>; duration_ms: number; tool: string }[] = []
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      const entry = JSON.parse(line)
      if (entry.msg === 'slow tool answer') stageLog.push(entry)
    }
    done()
  },
})
const database = await createPgliteDatabase()
await migrate(database)
const config = overrideConfig({
  ...loadConfig({ ...process.env, NODE_ENV: 'test' }),
  adminApiKey: ADMIN,
  vapiSecretKey: SECRET,
  devSecrets: [],
  slowToolMs: 0,
})
const deps = buildServices({ config, database })
const app = await createServer(deps, { loggerInstance: pino({ level: 'warn' }, sink) })
await app.ready()

const phones = new Map<string, string>()
for (const file of readdirSync(path.join(examples, 'restaurants')).filter((f) => f.endsWith('.json'))) {
  const bundle = JSON.parse(readFileSync(path.join(examples, 'restaurants', file), 'utf8'))
  const response = await app.inject({
    method: 'POST',
    url: '/api/restaurants',
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: bundle,
  })
  phones.set(file.replace(/\.json$/, ''), response.json().phone_number)
}
// `bench`: the question of `npm run bench -- tool-calls` (a new number each time), else the examples'.
const questions =
  given === 'bench'
    ? Array.from({ length: 100 }, (_, i) => ({
        restaurant: 'petit-bistro',
        tool: 'get_menu_info',
        query: `do you have something with duck ${process.pid}-${i}`,
      }))
    : parseQuestions(readFileSync(path.join(examples, 'questions.jsonl'), 'utf8'))
const took: number[] = []
let searched = 0
let fellBack = 0
for (let round = 0; round < ROUNDS; round++) {
  if (round === 1) stageLog.length = 0 // the first round warms up
  for (const [i, question] of questions.entries()) {
    const started = performance.now()
    const response = await app.inject({
      method: 'POST',
      url: '/api/vapi/server',
      headers: { 'x-vapi-secret': SECRET },
      payload: {
        message: {
          type: 'tool-calls',
          timestamp: Date.parse('2026-06-12T18:00:00Z'),
          call: { id: `c${round}-${i}` },
          phoneNumber: { number: phones.get(question.restaurant) },
          // A word more each round: every question new to the answer and vector caches.
          toolCallList: [
            {
              id: `t${round}-${i}`,
              type: 'function',
              function: { name: question.tool, arguments: { query: `${question.query}${' please'.repeat(round)}` } },
            },
          ],
        },
      },
    })
    if (round > 0) took.push(performance.now() - started)
    // The FAQ fallback was asked when the tool's own answer was none or the general one.
    const metadata = response.json().results[0]?.metadata ?? {}
    if (round === 0 && ['get_menu_info', 'get_modifiers_info'].includes(question.tool)) {
      searched++
      const own = metadata.fallback_from === undefined
      const asked = !own || metadata.match === 'none' || metadata.match === 'overview'
      if (asked) fellBack++
    }
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const stages = ['embed', 'search', 'rank', 'cache']
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)
console.log(`${took.length} misses; webhook p50 ${median(took).toFixed(2)} ms, mean ${mean(took).toFixed(2)} ms`)
for (const stage of stages)
  console.log(`  ${stage}: p50 ${median(stageLog.map((e) => e.stages[stage] ?? 0)).toFixed(2)} ms`)
console.log(`  menu and modifiers questions that asked the FAQs too: ${fellBack} / ${searched}`)
console.log(`  tool p50 ${median(stageLog.map((e) => e.duration_ms)).toFixed(2)} ms`)
await app.close()

// Dev check of the knowledge tools: loads the evaluation restaurants into a fresh embedded app
// through the API, asks every menu and modifier question of the tool handlers directly, and
// prints pass rates, latency and the failures. `npm run eval` does the same through the webhook.
//   npx tsx src/scripts/eval-knowledge.ts [eval-dir]     (DATABASE_URL=… to use an empty PostgreSQL instead)
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { overrideConfig } from '../config.ts'
import { createServer } from '../app/server.ts'
import { buildServices } from '../app/services.ts'
import { createPgliteDatabase, createPostgresDatabase } from '../infra/db/database.ts'
import { migrate } from '../infra/db/migrate.ts'
import { parseQuestions, scoreAnswer } from '../modules/knowledge/eval.models.ts'
import { createMenuToolHandlers } from '../modules/knowledge/menu-tools.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = path.resolve(process.argv[2] ?? path.join(root, '../shared/eval'))
const adminKey = 'eval-admin-key-0123456789'

const database = process.env.DATABASE_URL ? await createPostgresDatabase({ url: process.env.DATABASE_URL }) : await createPgliteDatabase()
await migrate(database)
const deps = buildServices({ config: overrideConfig({ adminApiKey: adminKey, logLevel: 'warn', devSecrets: [] }), database })
const app = await createServer(deps)
await app.ready()

const restaurants = new Map<string, { id: string; name: string; bundle: Record<string, any> }>()
for (const file of readdirSync(path.join(dir, 'restaurants')).filter((f) => f.endsWith('.json')).sort()) {
  const bundle = JSON.parse(readFileSync(path.join(dir, 'restaurants', file), 'utf8'))
  const response = await app.inject({ method: 'POST', url: '/api/restaurants', headers: { authorization: `Bearer ${adminKey}` }, payload: bundle })
  if (response.statusCode !== 201) throw new Error(`${file}: ${response.statusCode} ${response.body}`)
  restaurants.set(file.replace(/\.json$/, ''), { id: response.json().id, name: bundle.name, bundle })
}

const handlers = createMenuToolHandlers(deps)
const questions = parseQuestions(readFileSync(path.join(dir, 'questions.jsonl'), 'utf8'))
  .filter((q) => q.tool === 'get_menu_info' || q.tool === 'get_modifiers_info')
const tally = new Map<string, { pass: number; total: number }>()
const failures: string[] = []
const latencies: number[] = []
const verbose = process.env.VERBOSE === '1'
for (const question of questions) {
  const restaurant = restaurants.get(question.restaurant)
  if (!restaurant) throw new Error(`unknown restaurant ${question.restaurant}`)
  const handler = handlers[question.tool as keyof typeof handlers]
  const input = { query: question.query, context: { restaurant: { id: restaurant.id, name: restaurant.name, timezone: 'UTC' }, now: new Date(), vapiCallId: null } }
  await handler(input) // warm: the measured call is the steady state, not the first PGlite query plan
  const started = performance.now()
  const answer = await handler(input)
  latencies.push(performance.now() - started)
  const score = scoreAnswer({ question, result: answer.result, restaurant: restaurant.bundle })
  const row = tally.get(question.tool) ?? { pass: 0, total: 0 }
  row.total++
  if (score.pass) row.pass++
  tally.set(question.tool, row)
  if (!score.pass) failures.push(`✗ [${question.restaurant}] ${question.tool} "${question.query}": ${score.failures.join('; ')}\n    → ${answer.result}`)
  else if (verbose) console.log(`✓ [${question.restaurant}] "${question.query}"\n    → ${answer.result}`)
}

const percent = (pass: number, total: number) => `${((100 * pass) / Math.max(total, 1)).toFixed(1)} %`
let pass = 0
for (const [tool, row] of tally) {
  console.log(`${tool.padEnd(20)} ${String(row.pass).padStart(3)}/${String(row.total).padEnd(3)} ${percent(row.pass, row.total)}`)
  pass += row.pass
}
console.log(`${'overall'.padEnd(20)} ${String(pass).padStart(3)}/${String(questions.length).padEnd(3)} ${percent(pass, questions.length)}`)
latencies.sort((a, b) => a - b)
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2)
console.log(`latency per answer (${database.kind}, ${deps.embeddings.model}): median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`)
if (failures.length > 0) console.log(`\n${failures.join('\n')}`)
await app.close()
process.exitCode = failures.length > 0 ? 1 : 0

// `npm run eval [folder…] [--verbose]`: loads each evaluation folder's restaurants through the API,
// asks every question through the real webhook exactly as Vapi sends it, and prints pass rates
// per tool, scored as examples/README.md says. Embedded database. Without a folder: the shared
// evaluation set beside the repository when there is one (else the repository's own examples/),
// and the repository's FAQ and special-date set (examples/eval-knowledge).
//
// The embeddings come from the environment as the server reads it: local by default, or
// EMBEDDING_PROVIDER=openai with OPENAI_BASE_URL / OPENAI_API_KEY / EMBEDDING_MODEL (a real
// OpenAI-compatible server, e.g. Ollama). `--fake-openai` serves them from the test fake instead
// (nomic-embed-text 768-d, all-minilm 384-d: the local features folded into fewer dimensions).
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createServer } from '../app/server.ts'
import { buildServices } from '../app/services.ts'
import { loadConfig, overrideConfig } from '../config.ts'
import { createPgliteDatabase } from '../infra/db/database.ts'
import { migrate } from '../infra/db/migrate.ts'
import { startFakeOpenAI } from '../infra/embeddings/fake-openai.test-utils.ts'
import { type EvalRestaurant, parseQuestions, scoreAnswer } from '../modules/knowledge/eval.models.ts'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const useFake = args.includes('--fake-openai')
const repository = path.resolve(import.meta.dirname, '../..')
const sharedEval = path.resolve(repository, '../shared/eval')
const given = args.filter((arg) => !arg.startsWith('--'))
const defaults = [existsSync(sharedEval) ? sharedEval : path.join(repository, 'examples'), 'examples/eval-knowledge']
const dirs = (given.length > 0 ? given : defaults)
  .map((dir) => path.resolve(repository, dir))
  .filter((dir) => given.length > 0 || existsSync(path.join(dir, 'questions.jsonl')))
console.log(`evaluation sets: ${dirs.join(', ')}`)
const ADMIN = 'eval-admin-key-0123456789'
const SECRET = 'eval-vapi-secret-0123456789'

const database = await createPgliteDatabase()
await migrate(database)
const fake = useFake ? await startFakeOpenAI({ models: { 'nomic-embed-text': 768, 'all-minilm': 384 } }) : undefined
const environment = loadConfig({ ...process.env, NODE_ENV: 'test' })
const config = overrideConfig({
  adminApiKey: ADMIN,
  vapiSecretKey: SECRET,
  logLevel: 'silent',
  devSecrets: [],
  embeddingProvider: fake ? 'openai' : environment.embeddingProvider,
  openaiApiKey: fake ? 'sk-test-key' : environment.openaiApiKey,
  openaiBaseUrl: fake?.url ?? environment.openaiBaseUrl,
  embeddingModel: environment.embeddingModel,
  embeddingDimensions: environment.embeddingDimensions,
})
const deps = buildServices({ config, database })
const app = await createServer(deps)
await app.ready()
const served = fake ? ' (fake OpenAI-compatible server)' : ''
const embeddingsUsed = `${config.embeddingProvider}${served}, model ${deps.embeddings.model}`
console.log(`embeddings: ${embeddingsUsed}`)

const restaurants = new Map<string, { phone: string; bundle: EvalRestaurant }>()
const tally = new Map<string, { pass: number; total: number }>()
const latencies: number[] = []
const cachedLatencies: number[] = []
for (const dir of dirs) {
  for (const file of readdirSync(path.join(dir, 'restaurants'))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const bundle = JSON.parse(readFileSync(path.join(dir, 'restaurants', file), 'utf8'))
    const response = await app.inject({
      method: 'POST',
      url: '/api/restaurants',
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: bundle,
    })
    if (response.statusCode !== 201) throw new Error(`${file}: ${response.statusCode} ${response.body}`)
    restaurants.set(`${dir}:${file.replace(/\.json$/, '')}`, { phone: response.json().phone_number, bundle })
  }

  const questions = parseQuestions(readFileSync(path.join(dir, 'questions.jsonl'), 'utf8'))

  for (const question of questions) {
    const restaurant = restaurants.get(`${dir}:${question.restaurant}`)
    if (!restaurant) throw new Error(`unknown restaurant ${question.restaurant}`)
    const callId = randomUUID()
    const message = {
      type: 'tool-calls',
      timestamp: question.at ? Date.parse(question.at) : Date.now(),
      call: { id: randomUUID(), type: 'inboundPhoneCall' },
      phoneNumber: { number: restaurant.phone },
      customer: { number: '+15550000000' },
      toolCallList: [
        { id: callId, type: 'function', function: { name: question.tool, arguments: { query: question.query } } },
      ],
    }
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: { 'x-vapi-secret': SECRET },
        payload: { message },
      })
    const started = performance.now()
    const response = await send()
    latencies.push(performance.now() - started)
    // Asked again: the answer cache's path.
    const again = performance.now()
    await send()
    cachedLatencies.push(performance.now() - again)
    const entry = response.json().results?.[0]
    const answer: string = entry?.result ?? `ERROR ${entry?.error ?? response.body}`
    const { pass, failures: problems } = scoreAnswer({ question, result: answer, restaurant: restaurant.bundle })
    const label = `${path.basename(dir)}/${question.tool}`
    const t = tally.get(label) ?? { pass: 0, total: 0 }
    tally.set(label, { pass: t.pass + (pass ? 1 : 0), total: t.total + 1 })
    if (!pass || verbose) {
      const asked = `[${question.restaurant}] ${question.query}${question.at ? ` @ ${question.at}` : ''}`
      const why = pass ? '' : `\n     ✗ ${problems.join('; ')}`
      console.log(`${pass ? 'PASS' : 'FAIL'} ${asked}\n     → ${answer}${why}`)
    }
  }
}

const all = [...tally.values()].reduce((sum, t) => ({ pass: sum.pass + t.pass, total: sum.total + t.total }), {
  pass: 0,
  total: 0,
})
const pct = (t: { pass: number; total: number }) => `${((100 * t.pass) / Math.max(1, t.total)).toFixed(1)}%`
console.log(`\n${'set/tool'.padEnd(40)}pass / total`)
for (const [tool, t] of tally) console.log(`${tool.padEnd(40)}${`${t.pass} / ${t.total}`.padEnd(10)}${pct(t)}`)
console.log(`${'overall'.padEnd(40)}${`${all.pass} / ${all.total}`.padEnd(10)}${pct(all)}`)
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`
}
console.log(
  `webhook latency (in-process, embedded database): first ask ${summary(latencies)}; ` +
    `repeated (cached) ${summary(cachedLatencies)}`,
)
console.log(`embeddings: ${embeddingsUsed}`)
await app.close()
await fake?.close()
process.exitCode = all.pass === all.total ? 0 : 1

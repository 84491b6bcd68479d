// `npm run eval:calls [folder] [--verbose]`: runs every examples/conversations/*.json file (or the
// folder's) as one phone call through the real webhook, on an embedded database, with the clock
// fixed at the conversation's "now", and prints the pass rate per file and overall. A step passes
// when its spoken answer holds every "expect" and no "expect_not" (case-insensitive).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createServer } from '../app/server.ts'
import { buildServices } from '../app/services.ts'
import { overrideConfig } from '../config.ts'
import { createPgliteDatabase } from '../infra/db/database.ts'
import { migrate } from '../infra/db/migrate.ts'
import { checkStep, parseConversation } from '../modules/orders/conversations.models.ts'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const repository = path.resolve(import.meta.dirname, '../..')
const dir = path.resolve(repository, args.find((arg) => !arg.startsWith('--')) ?? 'examples/conversations')
const bundles = path.join(repository, 'examples/restaurants')
const ADMIN = { authorization: 'Bearer eval-admin-key-0123456789' }
const VAPI = { 'x-vapi-secret': 'eval-vapi-secret-0123456789' }

// The one clock every part of the server reads; each conversation sets it to its "now".
let now = new Date()
const database = await createPgliteDatabase()
await migrate(database)
const config = overrideConfig({
  adminApiKey: ADMIN.authorization.slice(7),
  vapiSecretKey: VAPI['x-vapi-secret'],
  logLevel: 'silent',
  devSecrets: [],
  embeddingProvider: 'local',
})
const app = await createServer(buildServices({ config, database, overrides: { clock: { now: () => now } } }))
await app.ready()

const restaurants = new Map<string, { id: string; phone: string; bundle: Record<string, any> }>()
async function restaurantFor(name: string) {
  const known = restaurants.get(name)
  if (known) return known
  const bundle = JSON.parse(readFileSync(path.join(bundles, `${name}.json`), 'utf8'))
  const response = await app.inject({ method: 'POST', url: '/api/restaurants', headers: ADMIN, payload: bundle })
  if (response.statusCode !== 201) throw new Error(`${name}: ${response.statusCode} ${response.body}`)
  const created = { id: response.json().id, phone: bundle.phone_numbers[0], bundle }
  restaurants.set(name, created)
  return created
}

/** The call's state across its steps: the last order placed and the warm transfer's fallback line. */
type CallState = { orderId?: string; fallback?: string }

/**
 * One step as Vapi sends it: a tool call, or for transfer_call the transfer-destination-request.
 * Two steps are not the model's: `transfer_update` (Vapi tells how the transfer went; the caller
 * hears the fallback line when it failed) and `kitchen` (the staff move the call's order on).
 */
async function say(
  step: { tool: string; arguments?: Record<string, unknown> },
  call: Record<string, any>,
  state: CallState,
) {
  if (step.tool === 'kitchen') return kitchen(String(step.arguments?.status ?? 'accepted'), call, state)
  if (step.tool === 'transfer_update') return transferUpdate(String(step.arguments?.status ?? 'connected'), call, state)
  const base = { timestamp: now.getTime(), ...call }
  const message =
    step.tool === 'transfer_call'
      ? { type: 'transfer-destination-request', ...base }
      : {
          type: 'tool-calls',
          ...base,
          toolCallList: [
            {
              id: `step-${Math.random()}`,
              type: 'function',
              function: { name: step.tool, arguments: step.arguments ?? {} },
            },
          ],
        }
  const response = await app.inject({ method: 'POST', url: '/api/vapi/server', headers: VAPI, payload: { message } })
  const body = response.json()
  if (step.tool === 'transfer_call') {
    if (!body.destination) return `error: ${body.error}`
    const plan = body.destination.transferPlan
    state.fallback = plan?.fallbackPlan?.message
    const warm = plan?.summaryPlan?.enabled ? ' (the staff hear a summary first)' : ''
    return `transfer to ${body.destination.number}${warm}: ${body.destination.message}`
  }
  const [entry] = body.results ?? []
  if (entry?.metadata?.order_id) state.orderId = entry.metadata.order_id
  return String(entry?.result ?? `error: ${entry?.error ?? response.body}`)
}

const restaurantOf = (call: Record<string, any>) =>
  [...restaurants.values()].find((r) => r.phone === call.phoneNumber.number)!

async function kitchen(status: string, call: Record<string, any>, state: CallState) {
  const url = `/api/restaurants/${restaurantOf(call).id}/orders/${state.orderId}`
  const response = await app.inject({ method: 'PATCH', url, headers: ADMIN, payload: { status } })
  return response.statusCode === 200 ? `the kitchen marks it ${status}` : `error: ${response.body}`
}

/** Vapi's transfer-update, then what the call record says and what the caller hears. */
async function transferUpdate(status: string, call: Record<string, any>, state: CallState) {
  const destination = { type: 'number', number: '+10000000000' }
  const message = { type: 'transfer-update', timestamp: now.getTime(), ...call, destination }
  Object.assign(message, { artifact: { transfers: [{ destination, status }] } })
  await app.inject({ method: 'POST', url: '/api/vapi/server', headers: VAPI, payload: { message } })
  const recorded = await recordedTransfer(call.call.id, restaurantOf(call).id)
  return status === 'connected' ? `recorded ${recorded}` : `recorded ${recorded}; the caller hears: ${state.fallback}`
}

/** The call's last transfer status as the calls API shows it, once the webhook's write lands. */
async function recordedTransfer(vapiCallId: string, restaurantId: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const calls = await app.inject({ url: `/api/calls?limit=100&restaurant_id=${restaurantId}`, headers: ADMIN })
    const row = calls.json().data?.find((c: { vapi_call_id: string }) => c.vapi_call_id === vapiCallId)
    if (row) {
      const detail = (await app.inject({ url: `/api/calls/${row.id}`, headers: ADMIN })).json()
      const last = detail.transfers?.at(-1)?.status
      if (last && last !== 'requested') return last
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return 'nothing'
}

const files = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
let passed = 0
let total = 0
let fileNumber = 0
for (const file of files) {
  const conversation = parseConversation(readFileSync(path.join(dir, file), 'utf8'), file)
  const restaurant = await restaurantFor(conversation.restaurant)
  now = new Date(conversation.now)
  const settings = { ...(restaurant.bundle.settings ?? {}), ...(conversation.settings ?? {}) }
  const put = await app.inject({
    method: 'PUT',
    url: `/api/restaurants/${restaurant.id}`,
    headers: ADMIN,
    payload: { name: restaurant.bundle.name, settings },
  })
  if (put.statusCode !== 200) throw new Error(`${file}: settings refused: ${put.statusCode} ${put.body}`)
  const caller = `+1555010${String(++fileNumber).padStart(4, '0')}`
  const call = {
    call: { id: `eval-call-${file}`, type: 'inboundPhoneCall', customer: { number: caller } },
    phoneNumber: { provider: 'twilio', number: restaurant.phone },
    customer: { number: caller },
  }
  let filePassed = 0
  const state: CallState = {}
  for (const [i, step] of conversation.steps.entries()) {
    const spoken = await say(step, call, state)
    const problems = checkStep(step, spoken)
    if (problems.length === 0) filePassed++
    if (verbose || problems.length > 0) {
      const verdict = problems.length ? `FAIL ${problems.join(', ')}` : 'ok'
      console.log(`  ${file} step ${i + 1} (${step.tool}): ${verdict}\n    ${spoken}`)
    }
  }
  passed += filePassed
  total += conversation.steps.length
  const rate = ((filePassed / conversation.steps.length) * 100).toFixed(0)
  console.log(`${file.padEnd(40)} ${filePassed}/${conversation.steps.length} steps  ${rate}%  ${conversation.title}`)
}
const overall = total ? ((passed / total) * 100).toFixed(1) : '0'
console.log(`overall: ${passed}/${total} steps passed (${overall}%) in ${files.length} conversations`)
await app.close()
process.exitCode = passed === total ? 0 : 1

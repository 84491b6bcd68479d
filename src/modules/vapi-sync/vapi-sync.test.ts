import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { type FakeVapi, startFakeVapi } from '../../../test/fakes/fake-vapi.ts'
import { testBackends } from '../../../test/support/database.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { createVapiClient } from '../../infra/vapi/vapi-client.ts'
import {
  ACTION_TOOL_NAMES,
  buildAssistant,
  TOOL_NAMES,
  TRANSFER_FUNCTION_NAME,
  TRANSFER_TOOL_NAME,
} from '../vapi/assistant-config.ts'

const ALL_TOOLS = [...TOOL_NAMES, ...ACTION_TOOL_NAMES, TRANSFER_TOOL_NAME]
const TOOL_COUNT = ALL_TOOLS.length

import { createSharedAssistantSource } from './shared-assistant-source.ts'
import { syncSharedAssistant } from './vapi-sync.usecases.ts'

const SECRET = 'sync-test-webhook-secret'
const server = { url: 'https://voice.example.test/api/vapi/server', secret: SECRET }
const OUR_SERVER = { url: server.url, timeoutSeconds: 10, headers: { 'X-Vapi-Secret': SECRET } }

for (const backend of testBackends()) {
  describe(`vapi:sync on ${backend.name}`, () => {
    let vapi: FakeVapi
    let database: DatabaseHandle
    const sync = (target = server) =>
      syncSharedAssistant({
        database,
        server: target,
        vapi: createVapiClient({ apiKey: vapi.apiKey, baseUrl: vapi.url, timeoutSeconds: 5, maxRetries: 0 }),
      })
    beforeEach(async () => {
      vapi = await startFakeVapi()
      database = await backend.create()
    })
    afterEach(async () => {
      await database.close()
      await vapi.close()
    })

    it('creates the tools and the shared assistant referencing them, and a second run writes nothing', async () => {
      const first = await sync()
      assert.deepEqual(
        first.resources.map((r) => [r.kind, r.name, r.action]),
        [...ALL_TOOLS.map((name) => ['tool', name, 'created']), ['assistant', 'Restaurant Receptionist', 'created']],
      )
      const tools = [...vapi.tools.values()]
      assert.deepEqual(
        tools.map((t) => t.function?.name ?? t.type),
        [...TOOL_NAMES, ...ACTION_TOOL_NAMES, 'transferCall'],
      )
      // transfer_call is Vapi's transferCall without destinations: Vapi asks the assistant's server
      // where to. Its DTO has no function and no server of its own.
      const transfer = tools.find((tool) => tool.type === 'transferCall')!
      assert.deepEqual(transfer.destinations, [])
      assert.equal(transfer.function, undefined)
      assert.equal(transfer.server, undefined)
      assert.ok([...vapi.assistants.values()][0]!.serverMessages.includes('transfer-destination-request'))
      for (const tool of tools.filter((t) => t.type === 'function')) assert.deepEqual(tool.server, OUR_SERVER)
      const assistant = vapi.assistants.get(first.assistantId)!
      assert.deepEqual(
        assistant.model.toolIds,
        tools.map((t) => t.id),
      )
      assert.equal(assistant.model.tools, undefined)
      assert.deepEqual(assistant.server, OUR_SERVER)
      assert.equal(vapi.writes().length, TOOL_COUNT + 1)
      assert.ok(
        !JSON.stringify(vapi.writes().map((w) => w.body)).includes(vapi.apiKey),
        'the Vapi API key must never be sent as a webhook credential',
      )

      const second = await sync()
      assert.deepEqual(
        second.resources.map((r) => r.action),
        Array(TOOL_COUNT + 1).fill('unchanged'),
      )
      assert.equal(second.assistantId, first.assistantId)
      assert.equal(vapi.writes().length, TOOL_COUNT + 1)
    })

    it('repairs only what was changed in the dashboard', async () => {
      await sync()
      const hours = [...vapi.tools.values()].find((t) => t.function.name === 'get_hours_info')!
      vapi.tools.set(hours.id, {
        ...hours,
        function: { ...hours.function, description: 'edited by hand' },
        updatedAt: '2030-01-01T00:00:00.000Z',
      })
      const before = vapi.writes().length
      const result = await sync()
      assert.deepEqual(
        result.resources.filter((r) => r.action !== 'unchanged').map((r) => [r.name, r.action]),
        [['get_hours_info', 'updated']],
      )
      assert.deepEqual(
        vapi
          .writes()
          .slice(before)
          .map((w) => `${w.method} ${w.path}`),
        [`PATCH /tool/${hours.id}`],
      )
      assert.notEqual(vapi.tools.get(hours.id)!.function.description, 'edited by hand')
    })

    it('updates the tools and the assistant in place when our public URL changes', async () => {
      const first = await sync()
      const before = vapi.writes().length
      const moved = await sync({ url: 'https://new-host.example.test/api/vapi/server', secret: SECRET })
      // Every tool that names our server, and the assistant; transferCall uses the assistant's.
      assert.deepEqual(
        moved.resources.map((r) => [r.name, r.action]),
        first.resources.map((r) => [r.name, r.name === TRANSFER_TOOL_NAME ? 'unchanged' : 'updated']),
      )
      assert.equal(moved.assistantId, first.assistantId)
      assert.deepEqual(
        vapi
          .writes()
          .slice(before)
          .map((w) => w.method),
        Array(TOOL_COUNT).fill('PATCH'),
      )
      assert.equal(vapi.assistants.size, 1)
      assert.equal(vapi.tools.size, TOOL_COUNT)
    })

    it('finds its transferCall tool again when Vapi has filled in the function it shows the model', async () => {
      await sync()
      const transfer = [...vapi.tools.values()].find((tool) => tool.type === 'transferCall')!
      vapi.tools.set(transfer.id, { ...transfer, function: { name: TRANSFER_FUNCTION_NAME } })
      const again = await sync()
      assert.equal(again.resources.find((r) => r.name === TRANSFER_TOOL_NAME)?.action, 'unchanged')
      assert.equal(vapi.tools.size, TOOL_COUNT)
    })

    it('adopts an assistant of the same name made by hand instead of creating a second one', async () => {
      const existing = vapi.assistants
        .set('hand-made', { id: 'hand-made', name: 'Restaurant Receptionist', createdAt: '2025-01-01T00:00:00.000Z' })
        .get('hand-made')!
      const result = await sync()
      assert.equal(result.assistantId, existing.id)
      assert.equal(vapi.assistants.size, 1)
      assert.deepEqual(vapi.assistants.get('hand-made')!.server, OUR_SERVER)
    })

    it('lets assistant-request find the synced assistant id, cached in process', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z')
      const source = createSharedAssistantSource({ database, clock: { now: () => new Date(now) }, ttlMs: 30_000 })
      assert.equal(await source.assistantId(), undefined)
      const { assistantId } = await sync()
      assert.equal(await source.assistantId(), undefined, 'still the cached answer within the TTL')
      now += 30_001
      assert.equal(await source.assistantId(), assistantId)
    })
  })
}

describe('the system prompt', () => {
  it('names each tool by the name the model sees, and no tool the model does not have', () => {
    const { model } = buildAssistant()
    const prompt: string = model.messages[0].content
    const seen: (string | undefined)[] = (model.tools as Record<string, any>[]).map(
      (tool) => tool.function?.name ?? (tool.type === 'transferCall' ? TRANSFER_FUNCTION_NAME : undefined),
    )
    assert.deepEqual(seen, [...TOOL_NAMES, ...ACTION_TOOL_NAMES, TRANSFER_FUNCTION_NAME])
    for (const name of seen) assert.ok(prompt.includes(` ${name}`), `the prompt never names ${name}`)
    // "call <identifier>": a snake_case or camelCase word after "call" is a tool name.
    const called = [...prompt.matchAll(/\bcall\s+([a-z]+(?:_[a-z]+)+|[a-z]+[A-Z][A-Za-z]*)\b/g)].map(
      (match) => match[1] ?? '',
    )
    assert.deepEqual(
      called.filter((name) => !seen.includes(name)),
      [],
      'the prompt tells the model to call a tool it does not have',
    )
  })
})

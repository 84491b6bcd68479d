import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createTestApp, EXAMPLES_DIR, loadExampleBundle, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { toolCallsMessage } from '../vapi/vapi-test-utils.ts'

// The scripted booking calls in examples/conversations/, each file one phone call against a
// fresh copy of its example restaurant, with the app's clock standing at the file's `now`.

type Step = { tool: string; arguments: Record<string, unknown>; expect?: string[]; expect_not?: string[] }
type Conversation = {
  restaurant: 'petit-bistro' | 'sakura-ramen' | 'nonnas-pizzeria'
  title: string
  now: string
  settings?: Record<string, unknown>
  steps: Step[]
}

const DIR = path.join(EXAMPLES_DIR, 'conversations')
const FILES = readdirSync(DIR)
  .filter((file) => file.startsWith('booking-') && file.endsWith('.json'))
  .sort()

for (const backend of testBackends()) {
  describe(`the booking conversations in examples/ on ${backend.name}`, () => {
    let t: TestApp
    // Each conversation sets it to its file's `now`.
    let now = new Date(0)
    before(async () => {
      t = await createTestApp(backend, { overrides: { clock: { now: () => now } } })
    })
    after(async () => {
      await t.close()
    })

    it('has at least six of them', () => assert.ok(FILES.length >= 6, FILES.join(', ')))

    FILES.forEach((file, index) => {
      const conversation = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Conversation
      it(`${file}: ${conversation.title}`, async () => {
        const bundle = loadExampleBundle(conversation.restaurant)
        const number = `+1646555${2000 + index}`
        await t.createRestaurant({
          ...bundle,
          name: `${bundle.name} (${file})`,
          phone_numbers: [number],
          settings: { ...bundle.settings, ...conversation.settings },
        })
        now = new Date(conversation.now)
        for (const [i, step] of conversation.steps.entries()) {
          const response = await t.app.inject({
            method: 'POST',
            url: '/api/vapi/server',
            headers: vapi,
            payload: toolCallsMessage({
              number,
              callId: `conversation-${file}`,
              timestamp: now.getTime(),
              calls: [{ id: `step-${i}`, type: 'function', function: { name: step.tool, arguments: step.arguments } }],
            }),
          })
          assert.equal(response.statusCode, 200)
          const [entry] = response.json().results
          const spoken = String(entry.result ?? entry.error).toLowerCase()
          for (const expected of step.expect ?? [])
            assert.ok(spoken.includes(expected.toLowerCase()), `step ${i + 1}: "${expected}" not in "${spoken}"`)
          for (const unexpected of step.expect_not ?? [])
            assert.ok(!spoken.includes(unexpected.toLowerCase()), `step ${i + 1}: "${unexpected}" in "${spoken}"`)
        }
      })
    })
  })
}

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { createTestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { toolInvocations } from '../../infra/db/schema.ts'
import { toolCall, toolCallsMessage } from './vapi-test-utils.ts'

// Tool calls are answered before their invocations are written (in groups, every 20 ms): a server
// stopped right after answering still writes every one of them before its database closes.
for (const backend of testBackends()) {
  describe(`tool invocations at shutdown on ${backend.name}`, () => {
    it('writes every answered tool call when the server stops at once', async () => {
      const database = await backend.create()
      // The app closes everything it was given; this database outlives it, to be read after.
      const t = await createTestApp(backend, { database: { ...database, close: async () => {} } })
      try {
        await t.createRestaurant({ name: 'Drain', phone_numbers: ['+12125550142'] })
        const callId = randomUUID()
        const answers = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            t.app.inject({
              method: 'POST',
              url: '/api/vapi/server',
              headers: vapi,
              payload: toolCallsMessage({
                number: '+12125550142',
                callId,
                calls: [toolCall(`tc_${i}`, 'get_menu_info', `question number ${i}`)],
              }),
            }),
          ),
        )
        assert.deepEqual(
          answers.map((a) => a.statusCode),
          answers.map(() => 200),
        )
        await t.close()
        const rows = await database.db.select({ toolCallId: toolInvocations.toolCallId }).from(toolInvocations)
        assert.deepEqual(
          rows.map((row) => row.toolCallId).sort(),
          Array.from({ length: 30 }, (_, i) => `tc_${i}`).sort(),
        )
      } finally {
        await database.close()
      }
    })
  })
}

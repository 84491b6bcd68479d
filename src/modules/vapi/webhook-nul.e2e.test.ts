import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createTestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { toolInvocations } from '../../infra/db/schema.ts'
import { toolCall, toolCallsMessage } from './vapi-test-utils.ts'

// The webhook looks for NULs in the raw body (JSON carries one only as the escape \u0000) instead
// of copying every parsed body: a message with one is still answered and stored without it.
for (const backend of testBackends()) {
  describe(`NUL characters in Vapi messages on ${backend.name}`, () => {
    it('answers and records a message with \\u0000 escapes without them, and a backslash-u text as sent', async () => {
      const database = await backend.create()
      // The app closes what it was given; this database outlives it, to be read after.
      const t = await createTestApp(backend, { database: { ...database, close: async () => {} } })
      try {
        await t.createRestaurant({ name: 'Nul', phone_numbers: ['+12125550143'] })
        const ask = async (id: string, query: string) => {
          const response = await t.app.inject({
            method: 'POST',
            url: '/api/vapi/server',
            headers: { ...vapi, 'content-type': 'application/json' },
            payload: JSON.stringify(
              toolCallsMessage({
                number: '+12125550143',
                callId: 'nul-call',
                calls: [toolCall(id, 'get_menu_info', query)],
              }),
            ),
          })
          assert.equal(response.statusCode, 200, response.body)
          assert.match(String(response.headers['content-type']), /^application\/json/)
          return response.json().results[0]
        }
        assert.equal((await ask('tc_\u0000nul', 'vegan\u0000 dishes')).toolCallId, 'tc_nul')
        // An escaped backslash is text, not a NUL: kept as sent.
        assert.equal((await ask('tc_text', 'vegan \\u0000 dishes')).toolCallId, 'tc_text')
        await t.close() // writes the pending invocations
        const rows = await database.db
          .select({ id: toolInvocations.toolCallId, query: toolInvocations.query })
          .from(toolInvocations)
        assert.deepEqual(rows.map((row) => [row.id, row.query]).sort(), [
          ['tc_nul', 'vegan dishes'],
          ['tc_text', 'vegan \\u0000 dishes'],
        ])
      } finally {
        await database.close()
      }
    })
  })
}

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { callHistory, toolInvocations } from '../../infra/db/schema.ts'
import { endOfCallReport } from './calls.test-utils.ts'
import { purgeExpiredCalls, startCallRetention } from './calls-retention.usecases.ts'

const clock = { now: () => new Date('2025-03-10T12:00:00Z') }

for (const backend of testBackends()) {
  describe(`call retention on ${backend.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(backend, { config: { callRetentionDays: 30 }, overrides: { clock } })
    })
    after(async () => {
      await t.close()
    })

    /** One call and one tool invocation from long ago, one of each from last week. */
    async function seed() {
      const r = await t.createRestaurant({ name: `Retained ${randomUUID()}` })
      const [oldCall, newCall] = [randomUUID(), randomUUID()]
      for (const [callId, startedAt] of [
        [oldCall, '2025-01-01T10:00:00.000Z'],
        [newCall, '2025-03-05T10:00:00.000Z'],
      ] as const) {
        await t.deps.callRecorder.recordMessage({ message: endOfCallReport({ callId, startedAt }), restaurantId: r.id })
        await t.deps.callRecorder.recordToolInvocations([
          {
            restaurantId: r.id,
            vapiCallId: callId,
            tool: 'get_menu_info',
            query: 'q',
            result: 'a',
            unanswered: true,
            at: new Date(startedAt),
          },
        ])
      }
      const remaining = async () => ({
        calls: (await t.database.db.select().from(callHistory).where(eq(callHistory.restaurantId, r.id))).map(
          (c) => c.vapiCallId,
        ),
        tools: (await t.database.db.select().from(toolInvocations).where(eq(toolInvocations.restaurantId, r.id))).map(
          (c) => c.vapiCallId,
        ),
      })
      return { oldCall, newCall, remaining }
    }

    it('purges calls and tool invocations past the retention period, in batches, and keeps the rest', async () => {
      const { newCall, remaining } = await seed()
      await seed()
      const result = await purgeExpiredCalls({ database: t.database, clock, retentionDays: 30, batchSize: 1 })
      assert.equal(result.cutoff.toISOString(), '2025-02-08T12:00:00.000Z')
      assert.ok(result.deletedCalls >= 2 && result.deletedInvocations >= 2)
      assert.deepEqual(await remaining(), { calls: [newCall], tools: [newCall] })
    })

    it('runs the purge on its timer until stopped', async () => {
      const { newCall, remaining } = await seed()
      const stop = startCallRetention({ database: t.database, clock, retentionDays: 30, intervalMs: 5 })
      try {
        for (let i = 0; i < 400 && (await remaining()).calls.length > 1; i++) await sleep(10)
      } finally {
        await stop()
      }
      assert.deepEqual(await remaining(), { calls: [newCall], tools: [newCall] })
    })
  })
}

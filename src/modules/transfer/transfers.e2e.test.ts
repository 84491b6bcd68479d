import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { bearer, createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { CALLER, FRIDAY_5PM, PIZZERIA_NUMBER, pizzeriaBundle } from '../orders/orders.test-utils.ts'
import { TAKE_A_MESSAGE, TRANSFER_FALLBACK_MESSAGE } from './transfer.usecases.ts'
import { transferReportMessage, transferRequestMessage, transferUpdateMessage } from './transfers.test-utils.ts'

// A call asks for a person: the warm transfer's answer, then Vapi's transfer-update and
// end-of-call report say how it went; the call's page and Insights show it.
// Clock: each message carries its own time (Friday 2026-12-04, Nonna's open 12–11 PM Chicago);
// the calls are listed at the time the test runs, which Insights' last day includes.

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const until = Date.now() + 5_000
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

for (const backend of testBackends()) {
  describe(`warm transfers and their outcomes on ${backend.name}`, () => {
    let t: TestApp
    let pizzeria: { id: string; api_key: string }
    const where = (callId: string, at = FRIDAY_5PM) => ({ callId, number: PIZZERIA_NUMBER, caller: CALLER, at })
    const post = (message: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/vapi/server', headers: vapi, payload: message })

    before(async () => {
      t = await createTestApp(backend)
      pizzeria = await t.createRestaurant(pizzeriaBundle())
    })
    after(async () => t.close())

    /** The call's transfers as its detail page reads them, once `count` of them are recorded. */
    async function transfersOf(vapiCallId: string, settled: (transfers: any[]) => boolean) {
      const headers = bearer(pizzeria.api_key)
      return eventually(
        async () => {
          const list = await t.app.inject({ url: '/api/calls?limit=100', headers })
          const row = list.json().data.find((c: { vapi_call_id: string }) => c.vapi_call_id === vapiCallId)
          if (!row) return []
          const detail = await t.app.inject({ url: `/api/calls/${row.id}`, headers })
          assert.equal(detail.statusCode, 200, detail.body)
          return detail.json().transfers as any[]
        },
        settled,
        `the transfers of ${vapiCallId}`,
      )
    }
    const statuses = (transfers: any[]) => transfers.map((transfer) => transfer.status)

    it('transfers warmly while open and records the transfer Vapi reports connected', async () => {
      const answer = await post(transferRequestMessage(where('transfer-connects')))
      const { destination } = answer.json()
      assert.equal(destination.transferPlan.mode, 'warm-transfer-experimental')
      assert.equal(destination.transferPlan.summaryPlan.enabled, true)
      assert.deepEqual(destination.transferPlan.fallbackPlan, {
        message: TRANSFER_FALLBACK_MESSAGE,
        endCallEnabled: false,
      })
      await transfersOf('transfer-connects', (list) => list.length === 1)
      const update = transferUpdateMessage({
        ...where('transfer-connects', '2026-12-04T23:00:30Z'),
        status: 'connected',
      })
      assert.deepEqual((await post({ message: update })).json(), {})
      const transfers = await transfersOf('transfer-connects', (list) => list[0]?.status === 'connected')
      assert.deepEqual(transfers, [
        { requested_at: '2026-12-04T23:00:00.000Z', status: 'connected', updated_at: '2026-12-04T23:00:30.000Z' },
      ])
    })

    it('records a transfer nobody answered, and the report keeps it so', async () => {
      await post(transferRequestMessage(where('transfer-no-answer')))
      await transfersOf('transfer-no-answer', (list) => list.length === 1)
      await post({ message: transferUpdateMessage({ ...where('transfer-no-answer'), status: 'no-answer' }) })
      await transfersOf('transfer-no-answer', (list) => list[0]?.status === 'no_answer')
      const report = transferReportMessage({
        ...where('transfer-no-answer', '2026-12-04T23:03:00Z'),
        endedReason: 'customer-ended-call',
        statuses: ['no-answer'],
      })
      await post({ message: report })
      const transfers = await transfersOf('transfer-no-answer', (list) =>
        list[0]?.updated_at.startsWith('2026-12-04T23:03'),
      )
      assert.deepEqual(statuses(transfers), ['no_answer'])
    })

    it("records a failed transfer from the report's endedReason alone", async () => {
      await post(transferRequestMessage(where('transfer-fails')))
      await transfersOf('transfer-fails', (list) => list.length === 1)
      await post({
        message: transferReportMessage({
          ...where('transfer-fails'),
          endedReason: 'call.in-progress.error-transfer-failed',
        }),
      })
      const transfers = await transfersOf('transfer-fails', (list) => list[0]?.status !== 'requested')
      assert.deepEqual(transfers[0].status, 'failed')
    })

    it('while closed offers a message, records the transfer unavailable, and Insights counts them all', async () => {
      const closed = await post(transferRequestMessage(where('transfer-closed', '2026-12-04T15:00:00Z')))
      assert.equal(
        closed.json().error,
        "We're closed right now; we open again later today at noon. Nobody is there to take the call until then. " +
          TAKE_A_MESSAGE,
      )
      const transfers = await transfersOf('transfer-closed', (list) => list.length === 1)
      assert.equal(transfers[0].status, 'unavailable')

      const insights = await t.app.inject({
        url: `/api/restaurants/${pizzeria.id}/insights?days=2`,
        headers: bearer(pizzeria.api_key),
      })
      assert.equal(insights.statusCode, 200, insights.body)
      assert.deepEqual(insights.json().transfers, { asked: 4, connected: 1, failed: 2, unavailable: 1 })
    })
  })
}

import assert from 'node:assert/strict'
import { loadExampleBundle, type TestApp, vapi } from '../../../test/support/app.ts'

// Order calls through the real webhook, as Vapi sends them.

export const PIZZERIA_NUMBER = '+13125550103'
export const CALLER = '+13125559876'
/** Friday 2026-12-04, 5 PM in Chicago: Nonna's is open 12–11 PM. */
export const FRIDAY_5PM = '2026-12-04T23:00:00Z'

export const ORDER_SETTINGS = {
  tax_rate: 0.1025,
  transfer_number: '+13125550199',
  ordering: { enabled: true, pickup_lead_minutes: 20 },
}

export function pizzeriaBundle(extra: Record<string, unknown> = {}): Record<string, any> {
  return { ...loadExampleBundle('nonnas-pizzeria'), settings: ORDER_SETTINGS, ...extra }
}

export function orderToolCall({
  tool,
  args,
  at = FRIDAY_5PM,
  callId = 'order-call-1',
  number = PIZZERIA_NUMBER,
  caller = CALLER,
  toolCallId = `tc-${Math.random().toString(36).slice(2)}`,
}: {
  tool: string
  args: Record<string, unknown>
  at?: string
  callId?: string
  number?: string
  caller?: string
  toolCallId?: string
}) {
  return {
    message: {
      type: 'tool-calls',
      timestamp: Date.parse(at),
      call: { id: callId, type: 'inboundPhoneCall', customer: { number: caller } },
      phoneNumber: { provider: 'twilio', number },
      customer: { number: caller },
      toolCallList: [{ id: toolCallId, type: 'function', function: { name: tool, arguments: args } }],
    },
  }
}

/** One tool call through POST /api/vapi/server: the spoken line (or "ERROR …") and its metadata. */
export async function callOrderTool(t: TestApp, input: Parameters<typeof orderToolCall>[0]) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/vapi/server',
    headers: vapi,
    payload: orderToolCall(input),
  })
  assert.equal(response.statusCode, 200, response.body)
  const [entry] = response.json().results
  return {
    text: (entry.result ?? `ERROR ${entry.error}`) as string,
    metadata: (entry.metadata ?? {}) as Record<string, any>,
  }
}

import type { CallRecorder, ToolInvocation } from '../calls/calls.types.ts'

// Vapi-shaped payloads for tests, as the protocol reference shows them.

export const toolCall = (id: string, name: string, query: unknown) => ({
  id,
  type: 'function',
  function: { name, arguments: query === undefined ? {} : { query } },
})

export function toolCallsMessage({
  number,
  calls,
  timestamp,
  callId = 'call-1',
  extra = {},
}: {
  number?: string
  calls: Record<string, unknown>[]
  timestamp?: number | string
  callId?: string
  extra?: Record<string, unknown>
}) {
  return {
    message: {
      type: 'tool-calls',
      ...(timestamp === undefined ? {} : { timestamp }),
      call: { id: callId, type: 'inboundPhoneCall', customer: { number: '+15551230000' } },
      ...(number ? { phoneNumber: { provider: 'twilio', number } } : {}),
      customer: { number: '+15551230000' },
      toolCallList: calls,
      ...extra,
    },
  }
}

export function assistantRequestMessage({
  number,
  callId = 'call-1',
  phoneNumberId,
  timestamp,
}: {
  number?: string
  callId?: string
  phoneNumberId?: string
  timestamp?: number
}) {
  return {
    message: {
      type: 'assistant-request',
      timestamp: timestamp ?? Date.parse('2026-12-04T23:00:00Z'),
      call: {
        id: callId,
        type: 'inboundPhoneCall',
        status: 'ringing',
        ...(phoneNumberId ? { phoneNumberId } : {}),
        customer: { number: '+15551230000' },
      },
      ...(number ? { phoneNumber: { provider: 'twilio', number } } : {}),
      customer: { number: '+15551230000' },
    },
  }
}

/** A CallRecorder that keeps what it was given, standing in for the calls module's. */
export function createCollectingRecorder() {
  const messages: { type: string; restaurantId: string | null }[] = []
  const invocations: ToolInvocation[] = []
  const recorder: CallRecorder = {
    recordMessage: async ({ message, restaurantId }) => {
      messages.push({ type: message.type, restaurantId })
    },
    recordToolInvocations: async (given) => {
      invocations.push(...given)
    },
  }
  return { recorder, messages, invocations }
}

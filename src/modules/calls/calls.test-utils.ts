import { randomUUID } from 'node:crypto'

// Vapi-shaped server messages, built from the reference (shared/spec/vapi-twilio.md §4).

export const RESTAURANT_NUMBER = '+14155550100'
export const CALLER_NUMBER = '+14155550123'

type Options = { callId?: string; dialed?: string; caller?: string; startedAt?: string; endedAt?: string }

const envelope = ({ callId = randomUUID(), dialed = RESTAURANT_NUMBER, caller = CALLER_NUMBER }: Options) => ({
  timestamp: Date.parse('2025-03-01T18:05:00Z'),
  call: { id: callId, type: 'inboundPhoneCall', phoneNumberId: 'pn_1', customer: { number: caller } },
  phoneNumber: { number: dialed, provider: 'twilio' },
  customer: { number: caller },
})

/** A current end-of-call report: artifact.messages with role bot, analysis.summary, cost and costs. */
export function endOfCallReport(options: Options = {}) {
  const startedAt = options.startedAt ?? '2025-03-01T18:00:00.000Z'
  const endedAt = options.endedAt ?? new Date(Date.parse(startedAt) + 95_500).toISOString()
  const t0 = Date.parse(startedAt)
  return {
    type: 'end-of-call-report',
    ...envelope(options),
    endedReason: 'customer-ended-call',
    startedAt,
    endedAt,
    cost: 0.1234,
    costs: [
      { type: 'transport', cost: 0.02 },
      { type: 'model', cost: 0.1034 },
    ],
    analysis: { summary: 'The caller asked whether the restaurant has vegan dishes.', successEvaluation: 'true' },
    artifact: {
      transcript: 'AI: Hello, Petit Bistro!\nUser: Do you have vegan dishes?\nAI: Yes, the ratatouille.',
      recordingUrl: 'https://storage.vapi.ai/recording-1.wav',
      messages: [
        { role: 'system', message: 'You are the phone assistant…', time: t0, secondsFromStart: 0 },
        { role: 'bot', message: 'Hello, Petit Bistro!', time: t0 + 500, endTime: t0 + 1500, secondsFromStart: 0.5 },
        {
          role: 'user',
          message: 'Do you have vegan dishes?',
          time: t0 + 3000,
          endTime: t0 + 4500,
          secondsFromStart: 3,
        },
        {
          role: 'tool_calls',
          message: '',
          time: t0 + 5000,
          secondsFromStart: 5,
          toolCalls: [
            {
              id: 'call_abc',
              type: 'function',
              function: { name: 'get_menu_info', arguments: '{"query":"vegan dishes"}' },
            },
          ],
        },
        {
          role: 'tool_call_result',
          toolCallId: 'call_abc',
          name: 'get_menu_info',
          result: 'Ratatouille is vegan.',
          time: t0 + 6000,
          secondsFromStart: 6,
        },
        { role: 'bot', message: 'Yes, the ratatouille.', time: t0 + 7000, endTime: t0 + 8000, secondsFromStart: 7 },
      ],
    },
  }
}

/** An older report: transcript, summary, recordingUrl, messages, durationSeconds and costBreakdown at the top level. */
export function legacyEndOfCallReport(options: Options = {}) {
  return {
    type: 'end-of-call-report',
    ...envelope(options),
    endedReason: 'assistant-ended-call',
    transcript: 'AI: Hi!\nUser: When do you open?',
    summary: 'Asked for opening hours.',
    recordingUrl: 'https://storage.vapi.ai/legacy.wav',
    durationSeconds: 42.5,
    costBreakdown: { transport: 0.01, stt: 0.01, llm: 0.02, tts: 0.01, vapi: 0.05, total: 0.1 },
    messages: [
      { role: 'assistant', message: 'Hi!', secondsFromStart: 0.2 },
      { role: 'user', message: 'When do you open?', secondsFromStart: 2 },
    ],
  }
}

export function statusUpdate(status: string, options: Options & { endedReason?: string } = {}) {
  return {
    type: 'status-update',
    ...envelope(options),
    status,
    ...(options.endedReason && { endedReason: options.endedReason }),
    ...(options.startedAt && { call: { ...envelope(options).call, startedAt: options.startedAt } }),
  }
}

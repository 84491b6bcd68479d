// Reading Vapi server messages defensively: the wire format has drifted over the years (see the
// protocol reference, §3), and one webhook must accept every shape Vapi has sent.

export type VapiMessage = Record<string, any> & { type: string }

export type ParsedToolCall = {
  id: string
  name: string
  query: string | undefined
  /** Every argument as sent, for tools that take more than a query. */
  arguments: Record<string, unknown>
}

const MAX_QUERY_LENGTH = 1000

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function argumentsOf(call: Record<string, any>): Record<string, unknown> {
  const raw = call.function?.arguments ?? call.arguments ?? call.function?.parameters ?? call.parameters
  if (isObject(raw)) return raw
  if (typeof raw === 'string') {
    try {
      const parsed = JSON.parse(raw)
      return isObject(parsed) ? parsed : {}
    } catch {
      return {}
    }
  }
  return {}
}

export function parseToolCall(call: Record<string, any>, index: number): ParsedToolCall {
  const name = call.function?.name ?? call.name
  const args = argumentsOf(call)
  const query = args.query
  const trimmed = typeof query === 'string' ? query.trim().slice(0, MAX_QUERY_LENGTH) : ''
  return {
    id: typeof call.id === 'string' ? call.id : typeof call.toolCallId === 'string' ? call.toolCallId : `call_${index}`,
    name: typeof name === 'string' ? name : '',
    query: trimmed || undefined,
    arguments: args,
  }
}

/**
 * The tool calls of a `tool-calls` message: toolCallList, else toolWithToolCallList[].toolCall,
 * else legacy toolCalls.
 */
export function toolCallsOf(message: VapiMessage): ParsedToolCall[] {
  const lists = [
    message.toolCallList,
    Array.isArray(message.toolWithToolCallList)
      ? message.toolWithToolCallList.map((tool: any) => tool?.toolCall)
      : undefined,
    message.toolCalls,
  ]
  const list = lists.find((candidate) => Array.isArray(candidate) && candidate.some(isObject)) ?? []
  return (list as unknown[]).filter(isObject).map(parseToolCall)
}

/** The legacy `function-call` message: `functionCall = {name, parameters}`. */
export function legacyFunctionCallOf(message: VapiMessage): ParsedToolCall | undefined {
  const call = message.functionCall
  if (!isObject(call)) return undefined
  return parseToolCall({ name: call.name, parameters: call.parameters, id: message.call?.id ?? 'function-call' }, 0)
}

/**
 * When the message was sent: `timestamp` in epoch milliseconds (older payloads: seconds or an
 * ISO string); anything unreadable falls back to the server's clock.
 */
export function messageTime(timestamp: unknown, fallback: Date): Date {
  let ms: number | undefined
  if (typeof timestamp === 'number') ms = timestamp
  else if (typeof timestamp === 'string' && timestamp.trim() !== '') {
    ms = /^\d+(\.\d+)?$/.test(timestamp.trim()) ? Number(timestamp) : Date.parse(timestamp)
  }
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return fallback
  if (ms < 1e11) ms *= 1000 // seconds
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? fallback : date
}

/** Vapi breaks on newlines in results (custom-tools troubleshooting): one line, single spaces. */
export const singleLine = (text: string) =>
  text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim()

/** The caller's number: customer.number, else call.customer.number (protocol reference §1). */
export function callerNumberOf(message: VapiMessage): string | null {
  const number = message.customer?.number ?? message.call?.customer?.number
  return typeof number === 'string' && number.trim() ? number.trim().slice(0, 32) : null
}

export const vapiCallIdOf = (message: VapiMessage): string | null =>
  typeof message.call?.id === 'string' ? message.call.id : null

// Vapi's server message types. @see https://docs.vapi.ai/server-url/events
const MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'assistant-request',
  'tool-calls',
  'function-call',
  'status-update',
  'end-of-call-report',
  'transcript',
  'conversation-update',
  'speech-update',
  'hang',
  'model-output',
  'user-interrupted',
  'voice-input',
  'transfer-destination-request',
  'transfer-update',
  'knowledge-base-request',
  'phone-call-control',
  'language-change-detected',
  'voice-request',
])

/** A message type as a metric label: one of Vapi's, "other" for any other text, "none" without a message. */
export function webhookTypeLabel(type: unknown): string {
  if (typeof type !== 'string') return 'none'
  return MESSAGE_TYPES.has(type) ? type : 'other'
}

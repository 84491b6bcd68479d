import type { CallMessage } from '../../infra/db/schema.ts'
import {
  boundedJson,
  clip,
  compactPhone,
  readNumber,
  readObject,
  readString,
  readTime,
  readUrl,
} from './call-fields.models.ts'

/**
 * Reading Vapi's `status-update` and `end-of-call-report` messages into one call record.
 * Current fields first, then the older top-level ones still seen in real payloads.
 * @see https://docs.vapi.ai/server-url/events
 */

export const LIMITS = {
  messages: 500,
  messageChars: 4_000,
  transcriptChars: 100_000,
  summaryChars: 10_000,
  shortText: 200,
  phoneChars: 64,
  durationSeconds: 10_000_000,
  cost: 999_999,
} as const

export type CallUpdate = {
  kind: 'status-update' | 'end-of-call-report'
  vapiCallId: string | null
  caller: string | null
  dialedNumber: string | null
  status: string | null
  startedAt: Date | null
  endedAt: Date | null
  durationSeconds: number | null
  outcome: string | null
  summary: string | null
  transcript: string | null
  recordingUrl: string | null
  cost: number | null
  costBreakdown: Record<string, unknown> | null
  messages: CallMessage[]
  /** Messages beyond LIMITS.messages were left out. */
  truncated: boolean
}

const asArray = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined)

function readArguments(raw: unknown): string {
  let args = raw
  if (typeof raw === 'string') {
    try {
      args = JSON.parse(raw)
    } catch {
      return raw
    }
  }
  const query = readObject(args)?.query
  return typeof query === 'string' ? JSON.stringify(query) : JSON.stringify(args ?? {})
}

/** One Vapi message as the contract's `{role, content, timestamp}`; null for system prompts and noise. */
function normaliseMessage(raw: unknown, startedAt: Date | null): CallMessage | null {
  const item = readObject(raw)
  if (!item) return null
  const timeMs = readTime(item.time)
  const offset = readNumber(item.secondsFromStart, { min: 0, max: LIMITS.durationSeconds })
  const at = timeMs ?? (startedAt && offset !== null ? new Date(startedAt.getTime() + offset * 1000) : null)
  const timestamp = at?.toISOString() ?? null
  const text = (value: unknown) =>
    typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)
  let role: CallMessage['role']
  let content: string
  switch (item.role) {
    case 'user':
      role = 'user'
      content = text(item.message ?? item.content)
      break
    case 'bot':
    case 'assistant':
      role = 'assistant'
      content = text(item.message ?? item.content)
      break
    case 'tool_calls':
    case 'function_call': {
      role = 'tool'
      const calls = asArray(item.toolCalls) ?? (item.function ? [item] : [])
      const parts = calls.map((call) => {
        const fn = readObject(readObject(call)?.function) ?? readObject(call) ?? {}
        return `${typeof fn.name === 'string' ? fn.name : 'tool'}(${readArguments(fn.arguments ?? fn.parameters)})`
      })
      content = parts.length > 0 ? `Called ${parts.join(', ')}` : text(item.message)
      break
    }
    case 'tool_call_result':
    case 'function_result':
    case 'tool':
      role = 'tool'
      content = `${typeof item.name === 'string' ? item.name : 'tool'} answered: ${text(item.result ?? item.content)}`
      break
    default:
      return null
  }
  content = clip(content.trim(), LIMITS.messageChars)
  return content === '' ? null : { role, content, timestamp }
}

function transcriptFrom(messages: CallMessage[]): string | null {
  const lines = messages
    .filter((m) => m.role !== 'tool')
    .map((m) => `${m.role === 'user' ? 'User' : 'AI'}: ${m.content}`)
  return lines.length > 0 ? clip(lines.join('\n'), LIMITS.transcriptChars) : null
}

function readCost(
  message: Record<string, any>,
  call: Record<string, any>,
  costs: unknown[] | undefined,
  breakdown: Record<string, any> | undefined,
) {
  const range = { min: 0, max: LIMITS.cost }
  const direct = readNumber(message.cost, range) ?? readNumber(call.cost, range) ?? readNumber(breakdown?.total, range)
  if (direct !== null || !costs) return direct
  const amounts = costs.map((item) => readNumber(readObject(item)?.cost, range)).filter((n): n is number => n !== null)
  return amounts.length > 0
    ? readNumber(
        amounts.reduce((a, b) => a + b, 0),
        range,
      )
    : null
}

export function readCallUpdate(message: Record<string, any>): CallUpdate {
  const kind = message.type === 'end-of-call-report' ? 'end-of-call-report' : 'status-update'
  const call = readObject(message.call) ?? {}
  const artifact = readObject(message.artifact) ?? readObject(call.artifact) ?? {}
  const analysis = readObject(message.analysis) ?? readObject(call.analysis) ?? {}
  const startedAt = readTime(message.startedAt) ?? readTime(call.startedAt)
  const endedAt = readTime(message.endedAt) ?? readTime(call.endedAt)

  const rawMessages = asArray(artifact.messages) ?? asArray(message.messages) ?? asArray(call.messages) ?? []
  const messages: CallMessage[] = []
  for (const raw of rawMessages) {
    if (messages.length === LIMITS.messages) break
    const normalised = normaliseMessage(raw, startedAt)
    if (normalised) messages.push(normalised)
  }
  const truncated = messages.length === LIMITS.messages && rawMessages.length > LIMITS.messages

  const range = { min: 0, max: LIMITS.durationSeconds }
  const durationMs = readNumber(message.durationMs, { min: 0, max: range.max * 1000 })
  const durationMinutes = readNumber(message.durationMinutes, { min: 0, max: range.max / 60 })
  const durationSeconds =
    readNumber(message.durationSeconds, range) ??
    (durationMs !== null ? durationMs / 1000 : null) ??
    (durationMinutes !== null ? durationMinutes * 60 : null) ??
    (startedAt && endedAt ? readNumber((endedAt.getTime() - startedAt.getTime()) / 1000, range) : null)

  const breakdown = readObject(message.costBreakdown) ?? readObject(call.costBreakdown)
  const costs = asArray(message.costs) ?? asArray(call.costs)
  const costBreakdown = breakdown ? boundedJson(breakdown) : costs ? { costs: boundedJson(costs) } : null

  const caller =
    readString(readObject(message.customer)?.number, LIMITS.phoneChars) ??
    readString(readObject(call.customer)?.number, LIMITS.phoneChars)
  const dialed =
    readString(readObject(message.phoneNumber)?.number, LIMITS.phoneChars) ??
    readString(readObject(call.phoneNumber)?.number, LIMITS.phoneChars)

  return {
    kind,
    vapiCallId: readString(call.id, LIMITS.shortText),
    caller: caller && compactPhone(caller),
    dialedNumber: dialed && compactPhone(dialed),
    status: kind === 'end-of-call-report' ? 'ended' : (readString(message.status, 40) ?? readString(call.status, 40)),
    startedAt,
    endedAt,
    durationSeconds: durationSeconds === null ? null : Math.round(durationSeconds * 100) / 100,
    outcome: readString(message.endedReason, LIMITS.shortText) ?? readString(call.endedReason, LIMITS.shortText),
    summary: readString(analysis.summary, LIMITS.summaryChars) ?? readString(message.summary, LIMITS.summaryChars),
    transcript:
      readString(artifact.transcript, LIMITS.transcriptChars) ??
      readString(message.transcript, LIMITS.transcriptChars) ??
      transcriptFrom(messages),
    recordingUrl:
      readUrl(artifact.recordingUrl) ??
      readUrl(readObject(readObject(artifact.recording)?.mono)?.combinedUrl) ??
      readUrl(message.recordingUrl),
    cost: readCost(message, call, costs, breakdown),
    costBreakdown: costBreakdown as Record<string, unknown> | null,
    messages,
    truncated,
  }
}

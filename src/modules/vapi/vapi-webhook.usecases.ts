import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../../shared/events.ts'
import type { CallRecorder } from '../calls/calls.types.ts'
import type { TransferLog } from '../transfer/call-transfers.repository.ts'
import type { createAssistantResponder } from './assistant-request.usecases.ts'
import type { createBackgroundTasks } from './background-tasks.ts'
import type { Tenant } from './tenant.repository.ts'
import type { TenantResolver } from './tenant-resolver.ts'
import { TOOL_ERRORS, type ToolDispatcher } from './tool-calls.usecases.ts'
import {
  callerNumberOf,
  legacyFunctionCallOf,
  messageTime,
  type ParsedToolCall,
  toolCallsOf,
  type VapiMessage,
  vapiCallIdOf,
} from './vapi-messages.models.ts'

type WebhookParts = {
  resolver: TenantResolver
  /** Where a transferCall tool without destinations transfers the caller (transfer-destination-request). */
  answerTransfer: (input: { tenant: Tenant | null; now: Date }) => Promise<Record<string, unknown>>
  answerToolCalls: ToolDispatcher
  respondToAssistantRequest: ReturnType<typeof createAssistantResponder>
  callRecorder: CallRecorder
  /** Each call's transfers: our answer, Vapi's transfer-update and the end-of-call report. */
  transferLog: TransferLog
  tasks: ReturnType<typeof createBackgroundTasks>
  clock: Clock
  logger: FastifyBaseLogger
}

/** One Vapi server message in, the response Vapi expects out, dispatched on `message.type`. */
export function createVapiWebhook(parts: WebhookParts) {
  const { resolver, answerToolCalls, respondToAssistantRequest, callRecorder, tasks, clock, logger } = parts

  async function transferDestination(message: VapiMessage, override: string | undefined) {
    const now = messageTime(message.timestamp, clock.now())
    try {
      const { tenant } = await resolver.resolve({ message, override })
      const answer = await parts.answerTransfer({ tenant, now })
      const vapiCallId = vapiCallIdOf(message)
      if (vapiCallId && tenant) {
        const refusal = typeof answer.error === 'string' ? answer.error : undefined
        tasks.run('recording a transfer request', () =>
          parts.transferLog.recordRequest({ vapiCallId, restaurantId: tenant.id, at: now, refusal }),
        )
      }
      return answer
    } catch (error) {
      logger.error({ err: error }, 'transfer-destination-request failed')
      return { error: "Sorry, I can't transfer you right now. I can take a message for the staff instead." }
    }
  }

  /** transfer-update and the report's transfers: recorded after the answer, like the call itself. */
  function recordTransfers(message: VapiMessage, override: string | undefined, resolved?: { tenant: Tenant | null }) {
    const vapiCallId = vapiCallIdOf(message)
    if (!vapiCallId) return
    const at = messageTime(message.timestamp, clock.now())
    tasks.run(`recording transfers of ${message.type}`, async () => {
      const { tenant } = resolved ?? (await resolver.resolve({ message, override }))
      const input = { vapiCallId, restaurantId: tenant?.id ?? null, at, message: message as Record<string, any> }
      if (message.type === 'transfer-update') await parts.transferLog.recordUpdate(input)
      else await parts.transferLog.recordReport(input)
    })
  }

  /** The contract answers tool calls with HTTP 200 and per-call errors: a lookup outage is one of those. */
  const unresolvable = (calls: ParsedToolCall[]) => ({
    results: calls.map((call) => ({ toolCallId: call.id, name: call.name, error: TOOL_ERRORS.failed })),
    invocations: [],
  })

  async function toolCalls(message: VapiMessage, override: string | undefined) {
    const resolved = await resolver.resolve({ message, override }).catch((error) => {
      logger.error({ err: error }, 'tool-calls: restaurant lookup failed')
    })
    if (!resolved) return { results: unresolvable(toolCallsOf(message)).results }
    const { tenant } = resolved
    const vapiCallId = vapiCallIdOf(message)
    const { results, invocations } = await answerToolCalls({
      calls: toolCallsOf(message),
      tenant,
      now: messageTime(message.timestamp, clock.now()),
      vapiCallId,
      callerNumber: callerNumberOf(message),
    })
    if (invocations.length > 0)
      tasks.run('recording tool invocations', () => callRecorder.recordToolInvocations(invocations))
    return { results }
  }

  async function legacyFunctionCall(message: VapiMessage, override: string | undefined) {
    const call = legacyFunctionCallOf(message)
    if (!call) return { result: 'The function-call message has no functionCall.' }
    const resolved = await resolver.resolve({ message, override }).catch((error) => {
      logger.error({ err: error }, 'function-call: restaurant lookup failed')
    })
    if (!resolved) return { result: TOOL_ERRORS.failed }
    const { tenant } = resolved
    const { results, invocations } = await answerToolCalls({
      calls: [call],
      tenant,
      now: messageTime(message.timestamp, clock.now()),
      vapiCallId: vapiCallIdOf(message),
      callerNumber: callerNumberOf(message),
    })
    if (invocations.length > 0)
      tasks.run('recording tool invocations', () => callRecorder.recordToolInvocations(invocations))
    const [answer] = results
    // The legacy response has no error field: the error text is the result the model reads.
    return { result: answer && 'result' in answer ? answer.result : (answer?.error ?? '') }
  }

  async function assistantRequest(message: VapiMessage, override: string | undefined) {
    const { tenant, via } = await resolver.resolve({ message, override })
    const vapiCallId = vapiCallIdOf(message)
    if (tenant && vapiCallId) await resolver.remember({ vapiCallId, restaurantId: tenant.id })
    if (!tenant)
      logger.warn(
        { dialled: message.phoneNumber?.number, phoneNumberId: message.call?.phoneNumberId },
        'assistant-request for a number that is not ours',
      )
    else logger.debug({ restaurantId: tenant.id, via }, 'assistant-request resolved')
    return respondToAssistantRequest({ tenant, now: messageTime(message.timestamp, clock.now()) })
  }

  async function callEvent(message: VapiMessage, override: string | undefined) {
    // Vapi does not resend a report we failed to take, so a database outage must not fail this
    // response: what could not be resolved now is resolved, with the write, by the retrying task.
    const resolved = await resolver.resolve({ message, override }).catch(() => undefined)
    tasks.run(`recording ${message.type}`, async () => {
      const { tenant } = resolved ?? (await resolver.resolve({ message, override }))
      await callRecorder.recordMessage({ message, restaurantId: tenant?.id ?? null })
    })
    if (message.type === 'end-of-call-report') recordTransfers(message, override, resolved)
    return {}
  }

  return async function handle({
    message,
    override,
  }: {
    message: VapiMessage
    override?: string
  }): Promise<Record<string, unknown>> {
    switch (message.type) {
      case 'assistant-request':
        return assistantRequest(message, override)
      case 'tool-calls':
        return toolCalls(message, override)
      case 'function-call':
        return legacyFunctionCall(message, override)
      case 'transfer-destination-request':
        return transferDestination(message, override)
      case 'status-update':
      case 'end-of-call-report':
        return callEvent(message, override)
      case 'transfer-update':
        recordTransfers(message, override)
        return {}
      default:
        return {}
    }
  }
}

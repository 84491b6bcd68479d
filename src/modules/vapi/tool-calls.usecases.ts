import type { FastifyBaseLogger } from 'fastify'
import type { Metrics, ToolCallOutcome } from '../../infra/metrics/metrics.ts'
import { type StageTimings, timed } from '../../shared/stages.ts'
import type { ToolInvocation } from '../calls/calls.types.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import type { AnswerCache } from './answer-cache.ts'
import { ACTION_TOOL_NAMES, isActionTool, TOOL_NAMES, type ToolName } from './assistant-config.ts'
import type { Tenant } from './tenant.repository.ts'
import type { ActionToolRegistry, ToolContext, ToolRegistry } from './tools.types.ts'
import { type ParsedToolCall, singleLine } from './vapi-messages.models.ts'

export type ToolCallResult =
  | { toolCallId: string; name: string; result: string; metadata: Record<string, unknown> }
  | { toolCallId: string; name: string; error: string }

// Per-call errors are spoken by the assistant, so they are short and say what to do.
export const TOOL_ERRORS = {
  notOurNumber: "This phone line isn't connected to a restaurant, so I can't look that up.",
  unknownTool: (name: string) =>
    `Unknown tool "${name.slice(0, 60)}"; available tools: ${[...TOOL_NAMES, ...ACTION_TOOL_NAMES].join(', ')}.`,
  missingQuery: "The query argument is missing or empty; pass the caller's question as query.",
  failed: "Sorry, I couldn't look that up just now.",
}

type Answered = { result: ToolCallResult; invocation?: ToolInvocation }
/** How one call was answered, for the metrics and the slow-answer log. */
type Trace = { cache: 'hit' | 'miss'; stages: StageTimings }

/** Answers tool calls from a registry of handlers, one result per call, in order, never throwing. */
export function createToolDispatcher({
  handlers,
  actionHandlers,
  answerCache,
  logger,
  metrics,
  slowToolMs = Number.POSITIVE_INFINITY,
}: {
  handlers: ToolRegistry
  /** Tools on structured arguments (orders); without them such calls are unknown tools. */
  actionHandlers?: ActionToolRegistry
  answerCache: AnswerCache
  logger: FastifyBaseLogger
  metrics?: Metrics
  /** A call slower than this logs its stages. */
  slowToolMs?: number
}) {
  async function answer(tool: ToolName, query: string, context: ToolContext, trace: Trace): Promise<ToolAnswer> {
    const cached = await timed(trace.stages, 'cache', () => answerCache.get({ tool, query, context }))
    if (cached) {
      trace.cache = 'hit'
      return cached
    }
    const fresh = await handlers[tool]({ query, context: { ...context, stages: trace.stages } })
    const answer = { ...fresh, result: singleLine(fresh.result) }
    await timed(trace.stages, 'cache', () => answerCache.set({ tool, query, context, answer }))
    return answer
  }

  /** Times one call and records it; the tool label is a known tool name or "unknown", never the model's text. */
  async function measured(call: ParsedToolCall, answerIt: (trace: Trace) => Promise<Answered>): Promise<Answered> {
    const started = performance.now()
    const trace: Trace = { cache: 'miss', stages: {} }
    const answered = await answerIt(trace)
    const ms = performance.now() - started
    const known = (TOOL_NAMES as readonly string[]).includes(call.name) || (actionHandlers && isActionTool(call.name))
    const tool = known ? call.name : 'unknown'
    const outcome: ToolCallOutcome =
      'error' in answered.result ? 'error' : answered.invocation?.unanswered ? 'unanswered' : 'answered'
    metrics?.toolCall({ tool, cache: trace.cache, outcome, seconds: ms / 1000 })
    if (ms > slowToolMs) {
      const stages = Object.fromEntries(Object.entries(trace.stages).map(([stage, t]) => [stage, round(t)]))
      logger.warn(
        {
          tool,
          cache: trace.cache,
          outcome,
          duration_ms: round(ms),
          stages,
          restaurantId: answered.invocation?.restaurantId,
        },
        'slow tool answer',
      )
    }
    return answered
  }

  async function answerOne(
    call: ParsedToolCall,
    tenant: Tenant | null,
    now: Date,
    vapiCallId: string | null,
    callerNumber: string | null,
    trace: Trace,
  ): Promise<Answered> {
    const fail = (error: string): Answered => ({
      result: { toolCallId: call.id, name: call.name, error },
      invocation: tenant
        ? {
            restaurantId: tenant.id,
            vapiCallId,
            toolCallId: call.id,
            tool: call.name,
            query: call.query ?? '',
            result: error,
            unanswered: true,
            at: now,
          }
        : undefined,
    })
    if (!tenant) return fail(TOOL_ERRORS.notOurNumber)
    if (actionHandlers && isActionTool(call.name)) {
      const tool = call.name
      // Recorded as the arguments given, so the call's history shows what was ordered.
      const given = JSON.stringify(call.arguments).slice(0, 1000)
      try {
        const context = { restaurant: tenant, now, vapiCallId, callerNumber, stages: trace.stages }
        const answered = await actionHandlers[tool]({ arguments: call.arguments, context })
        const result = singleLine(answered.result)
        return {
          result: { toolCallId: call.id, name: tool, result, metadata: answered.metadata },
          invocation: {
            restaurantId: tenant.id,
            vapiCallId,
            toolCallId: call.id,
            tool,
            query: given,
            result,
            unanswered: false,
            at: now,
          },
        }
      } catch (error) {
        logger.error({ err: error, tool, restaurantId: tenant.id }, 'tool handler failed')
        return fail(TOOL_ERRORS.failed)
      }
    }
    if (!(TOOL_NAMES as readonly string[]).includes(call.name)) return fail(TOOL_ERRORS.unknownTool(call.name))
    const tool = call.name as ToolName
    if (!call.query) return fail(TOOL_ERRORS.missingQuery)
    try {
      const {
        result,
        metadata,
        unanswered = false,
      } = await answer(tool, call.query, { restaurant: tenant, now, vapiCallId, callerNumber }, trace)
      return {
        result: { toolCallId: call.id, name: tool, result, metadata },
        invocation: {
          restaurantId: tenant.id,
          vapiCallId,
          toolCallId: call.id,
          tool,
          query: call.query,
          result,
          unanswered,
          at: now,
        },
      }
    } catch (error) {
      logger.error({ err: error, tool, restaurantId: tenant.id }, 'tool handler failed')
      return fail(TOOL_ERRORS.failed)
    }
  }

  return async function answerToolCalls({
    calls,
    tenant,
    now,
    vapiCallId,
    callerNumber = null,
  }: {
    calls: ParsedToolCall[]
    tenant: Tenant | null
    now: Date
    vapiCallId: string | null
    callerNumber?: string | null
  }) {
    const answered = await Promise.all(
      calls.map((call) => measured(call, (trace) => answerOne(call, tenant, now, vapiCallId, callerNumber, trace))),
    )
    return {
      results: answered.map((a) => a.result),
      invocations: answered.flatMap((a) => (a.invocation ? [a.invocation] : [])),
    }
  }
}
export type ToolDispatcher = ReturnType<typeof createToolDispatcher>

const round = (ms: number) => Math.round(ms * 100) / 100

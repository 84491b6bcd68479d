import type { TenantResolver } from './tenant-resolver.ts'
import type { ToolDispatcher } from './tool-calls.usecases.ts'
import { chooseTool } from './tool-choice.models.ts'

export type AskResult = {
  restaurant: { id: string; name: string; currency: string } | null
  tool: string
  /** Exactly what the assistant would be told: the tool's result, or its per-call error. */
  result?: string
  error?: string
  metadata?: Record<string, unknown>
}

/**
 * A question asked of the restaurant behind a dialled number, answered by the webhook's own
 * tenant resolver and tool dispatcher (answer cache included), as a tool-calls message would be.
 * Nothing is recorded: an operator's test question is not a caller's question.
 */
export async function askTool({
  resolver,
  answerToolCalls,
  number,
  question,
  tool,
  now,
}: {
  resolver: TenantResolver
  answerToolCalls: ToolDispatcher
  number: string
  question: string
  tool?: string
  now: Date
}): Promise<AskResult> {
  const name = tool ?? chooseTool(question)
  const { tenant } = await resolver.resolve({ message: { type: 'tool-calls', phoneNumber: { number } } })
  const { results } = await answerToolCalls({
    calls: [{ id: 'ask', name, query: question.trim() || undefined, arguments: { query: question } }],
    tenant,
    now,
    vapiCallId: null,
  })
  const [answer] = results
  return {
    restaurant: tenant ? { id: tenant.id, name: tenant.name, currency: tenant.currency } : null,
    tool: name,
    ...(answer && 'result' in answer ? { result: answer.result, metadata: answer.metadata } : { error: answer?.error }),
  }
}

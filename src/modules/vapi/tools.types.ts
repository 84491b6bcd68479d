import type { StageTimings } from '../../shared/stages.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import type { ActionToolName, ToolName } from './assistant-config.ts'

/** What a tool knows about the call it answers; the restaurant comes from the call, never from the model. */
export type ToolContext = {
  restaurant: { id: string; name: string; timezone: string }
  /** The Vapi message's timestamp (else the server's clock): "now" for hours questions. */
  now: Date
  vapiCallId: string | null
  /** The caller's number from the call (Vapi's customer.number), never from the model. */
  callerNumber?: string | null
  /** Filled by the handler with the time of its stages (embed, search, rank), when given. */
  stages?: StageTimings
}

export type ToolHandler = (input: { query: string; context: ToolContext }) => Promise<ToolAnswer>
/** A tool acting on structured arguments (orders, bookings): never cached. */
export type ActionToolHandler = (input: {
  arguments: Record<string, unknown>
  context: ToolContext
}) => Promise<ToolAnswer>
export type ActionToolRegistry = Record<ActionToolName, ActionToolHandler>

/** Handlers by tool name; each capability contributes the ones it owns. */
export type ToolHandlers = Partial<Record<ToolName, ToolHandler>>
/** Every tool answered: what the webhook dispatches to. */
export type ToolRegistry = Record<ToolName, ToolHandler>

/** Where assistant-request finds the synced shared assistant; undefined = not synced, use the transient one. */
export type SharedAssistantSource = { assistantId(): Promise<string | undefined> }

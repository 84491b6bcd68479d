/** One tool call answered during a Vapi call, as the calls module records it. */
export type ToolInvocation = {
  restaurantId: string
  vapiCallId: string | null
  /** Vapi's toolCall id, when known: a replayed tool-calls request is then recorded once. */
  toolCallId?: string | null
  tool: string
  query: string
  result: string
  unanswered: boolean
  at: Date
}

/** How the Vapi webhook hands call events to the calls module. */
export type CallRecorder = {
  /** A `status-update` or `end-of-call-report` message; restaurantId null = the dialled number is not ours. */
  recordMessage(input: { message: Record<string, any>; restaurantId: string | null }): Promise<void>
  /** The tool calls of one webhook request with the answers given. */
  recordToolInvocations(invocations: ToolInvocation[]): Promise<void>
}

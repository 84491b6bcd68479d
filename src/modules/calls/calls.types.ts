/** One tool call answered during a Vapi call, as the calls module records it. */
export type ToolInvocation = {
  restaurantId: string
  vapiCallId: string | null
  tool: string
  query: string
  result: string
  unanswered: boolean
  at: Date
}

/** What a tool returns to Vapi: one speakable line, structured metadata beside it. */
export type ToolAnswer = {
  result: string
  metadata: Record<string, unknown>
  /** Nothing relevant was found: the question goes to the restaurant's "unanswered" insights. */
  unanswered?: boolean
  /** The answer changes at this ISO time (a sold-out item comes back): it is not cached past it. */
  validUntil?: string
}

export type IndexReport = {
  /** Documents (re-)embedded in this run. */
  embedded: number
  unchanged: number
  deleted: number
  /** Documents stored without a vector because the provider failed; the next run embeds them. */
  pending: number
  embeddingRequests: number
}

/** What a tool returns to Vapi: one speakable line, structured metadata beside it. */
export type ToolAnswer = {
  result: string
  metadata: Record<string, unknown>
  /** Nothing relevant was found: the question goes to the restaurant's "unanswered" insights. */
  unanswered?: boolean
}

export type IndexReport = { embedded: number; unchanged: number; deleted: number; embeddingRequests: number }

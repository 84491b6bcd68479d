// Scripted phone conversations (examples/conversations/*.json): each file is one call, its steps
// the tool calls the assistant would make, each with what the spoken answer must and must not say.

export type ConversationStep = {
  tool: string
  arguments?: Record<string, unknown>
  expect?: string[]
  expect_not?: string[]
}
export type Conversation = {
  restaurant: string
  title: string
  /** ISO time with offset: the messages' timestamp and the server's clock. */
  now: string
  settings?: Record<string, unknown>
  steps: ConversationStep[]
}

export function parseConversation(text: string, file: string): Conversation {
  const raw = JSON.parse(text) as Partial<Conversation>
  const problem = (what: string) => new Error(`${file}: ${what}`)
  if (typeof raw.restaurant !== 'string' || !raw.restaurant) throw problem('"restaurant" must name a bundle')
  if (typeof raw.title !== 'string') throw problem('"title" is required')
  if (typeof raw.now !== 'string' || Number.isNaN(Date.parse(raw.now))) throw problem('"now" must be an ISO time')
  if (!Array.isArray(raw.steps) || raw.steps.length === 0) throw problem('"steps" must be a non-empty array')
  for (const [i, step] of raw.steps.entries())
    if (!step || typeof step.tool !== 'string') throw problem(`steps[${i}].tool is required`)
  return raw as Conversation
}

/** Which expectations the spoken answer misses: every `expect` must appear, no `expect_not`, ignoring case. */
export function checkStep(step: ConversationStep, spoken: string): string[] {
  const said = spoken.toLowerCase()
  return [
    ...(step.expect ?? []).filter((text) => !said.includes(text.toLowerCase())).map((text) => `missing "${text}"`),
    ...(step.expect_not ?? []).filter((text) => said.includes(text.toLowerCase())).map((text) => `has "${text}"`),
  ]
}

import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import type { ToolHandler } from './tools.types.ts'

// The voice model sometimes sends a question to the wrong tool: "do you deliver to N16" to the
// menu tool, "is the korma spicy" to the hours tool. When a tool's own data has no answer (or only
// its general one), the tool the question belongs to is asked, and its answer is used only when it
// is specific: a postcode placed in a zone, a dish found by name.

type Claim = { handler: ToolHandler; answers: (answer: ToolAnswer) => boolean }

const DISH_FOUND = new Set(['found', 'property', 'evidence', 'close'])

/** A zones answer that placed a postcode or named a zone the caller said. */
export const placesAZone = (answer: ToolAnswer) =>
  !answer.unanswered &&
  Array.isArray(answer.metadata.postal_codes) &&
  (answer.metadata.postal_codes as { zone: string | null }[]).some((code) => code.zone !== null)

/** A menu answer about one or two dishes the caller named. */
export const namesADish = (answer: ToolAnswer) => {
  const items = answer.metadata.items
  return (
    !answer.unanswered &&
    DISH_FOUND.has(String(answer.metadata.match)) &&
    Array.isArray(items) &&
    items.length >= 1 &&
    items.length <= 2
  )
}

export function withOtherTools(handler: ToolHandler, others: Claim[]): ToolHandler {
  return async (input) => {
    const own = await handler(input)
    if (!own.unanswered && own.metadata.match !== 'overview') return own
    for (const other of others) {
      const answer = await other.handler(input)
      if (other.answers(answer))
        return { ...answer, metadata: { ...answer.metadata, fallback_from: own.metadata.category ?? null } }
    }
    return own
  }
}

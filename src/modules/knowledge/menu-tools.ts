import { timed } from '../../shared/stages.ts'
import type { ToolHandler } from '../vapi/tools.types.ts'
import type { KnowledgeSearch } from './knowledge-search.usecases.ts'
import { type AnswerKind, composeAnswer } from './menu-answers.models.ts'
import { availabilityAt } from './sold-out.models.ts'

function handler(knowledge: { search: KnowledgeSearch['search'] }, kind: AnswerKind): ToolHandler {
  return async ({ query, context }) => {
    const { stages } = context
    const found = await knowledge.search({ restaurantId: context.restaurant.id, category: kind, query, stages })
    return timed(stages, 'rank', () => {
      const { rows, validUntil } = availabilityAt(found.rows, context.now)
      const answer = composeAnswer({ query, rows, kind, mode: found.mode })
      return validUntil ? { ...answer, validUntil: validUntil.toISOString() } : answer
    })
  }
}

/** The knowledge capability's tools; the Vapi webhook finds the restaurant and calls them. */
export function createMenuToolHandlers({ knowledge }: { knowledge: { search: KnowledgeSearch['search'] } }) {
  return {
    get_menu_info: handler(knowledge, 'menu'),
    get_modifiers_info: handler(knowledge, 'modifiers'),
  } satisfies Record<string, ToolHandler>
}

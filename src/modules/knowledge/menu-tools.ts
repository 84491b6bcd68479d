import { timed } from '../../shared/stages.ts'
import type { ToolHandler } from '../vapi/tools.types.ts'
import type { KnowledgeSearch } from './knowledge-search.usecases.ts'
import { type AnswerKind, composeAnswer } from './menu-answers.models.ts'

function handler(knowledge: { search: KnowledgeSearch['search'] }, kind: AnswerKind): ToolHandler {
  return async ({ query, context }) => {
    const { stages } = context
    const { rows, mode } = await knowledge.search({
      restaurantId: context.restaurant.id,
      category: kind,
      query,
      stages,
    })
    return timed(stages, 'rank', () => composeAnswer({ query, rows, kind, mode }))
  }
}

/** The knowledge capability's tools; the Vapi webhook finds the restaurant and calls them. */
export function createMenuToolHandlers({ knowledge }: { knowledge: { search: KnowledgeSearch['search'] } }) {
  return {
    get_menu_info: handler(knowledge, 'menu'),
    get_modifiers_info: handler(knowledge, 'modifiers'),
  } satisfies Record<string, ToolHandler>
}

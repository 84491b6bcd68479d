import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import type { KnowledgeSearch } from '../knowledge/knowledge-search.usecases.ts'
import type { ToolContext, ToolHandler, ToolHandlers } from '../vapi/tools.types.ts'
import { answerFromFaqs, searchTextFor } from './faq-answers.models.ts'

type FaqKnowledge = { search: KnowledgeSearch['search']; embeddings: { model: string } }

/** Answers a question from the restaurant's own FAQs (hybrid search, then the relevance floor). */
export function createFaqLookup({ knowledge }: { knowledge: FaqKnowledge }) {
  return async function lookUpFaq({ query, context }: { query: string; context: ToolContext }): Promise<ToolAnswer> {
    const { rows } = await knowledge.search({
      restaurantId: context.restaurant.id,
      category: 'faqs',
      query: searchTextFor(query),
      limit: 20,
      stages: context.stages,
    })
    return answerFromFaqs({ query, rows, model: knowledge.embeddings.model })
  }
}
export type FaqLookup = ReturnType<typeof createFaqLookup>

/** get_restaurant_info: everything that is not menu, hours or delivery. */
export function createFaqToolHandlers({ knowledge }: { knowledge: FaqKnowledge }) {
  const lookUpFaq = createFaqLookup({ knowledge })
  return { get_restaurant_info: lookUpFaq } satisfies ToolHandlers
}

/** A tool's answer that covers only part of what was asked ("bring a bottle of our own": a bottled drink). */
const isPartial = (answer: ToolAnswer) => typeof answer.metadata.coverage === 'number' && answer.metadata.coverage < 1

/**
 * A tool whose own data has no answer asks the FAQs: a question routed to the "wrong" tool
 * ("is there parking" to get_menu_info) is still answered. So does one whose answer covers only
 * part of the question, and then the FAQ answers only when it covers all of it. The tool's own
 * answer stands otherwise, and when no FAQ is relevant.
 */
export function withFaqFallback(handler: ToolHandler, lookUpFaq: FaqLookup): ToolHandler {
  return async (input) => {
    const own = await handler(input)
    // Unanswered, or only the general answer ("we deliver to …" for "do you take Apple Pay").
    const general = own.unanswered || own.metadata.match === 'overview'
    if (!general && !isPartial(own)) return own
    const faq = await lookUpFaq(input)
    if (faq.unanswered || (!general && faq.metadata.coverage !== 1)) return own
    return { ...faq, metadata: { ...faq.metadata, fallback_from: own.metadata.category ?? null } }
  }
}

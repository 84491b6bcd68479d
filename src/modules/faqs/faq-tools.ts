import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import type { KnowledgeCategory } from '../knowledge/knowledge-documents.models.ts'
import type { KnowledgeSearch, SearchRequest } from '../knowledge/knowledge-search.usecases.ts'
import type { ToolContext, ToolHandler, ToolHandlers } from '../vapi/tools.types.ts'
import { answerFromFaqs, searchTextFor } from './faq-answers.models.ts'

type FaqKnowledge = { search: KnowledgeSearch['search']; embeddings: { model: string } }

/** The FAQ search a question makes: its words widened with the concepts it names. */
const faqSearchFor = (query: string): SearchRequest => ({ category: 'faqs', query: searchTextFor(query), limit: 20 })

/** Answers a question from the restaurant's own FAQs (hybrid search, then the relevance floor). */
export function createFaqLookup({ knowledge }: { knowledge: FaqKnowledge }) {
  return async function lookUpFaq({ query, context }: { query: string; context: ToolContext }): Promise<ToolAnswer> {
    const { rows } = await knowledge.search({
      restaurantId: context.restaurant.id,
      ...faqSearchFor(query),
      stages: context.stages,
      prefetched: context.prefetched,
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

/**
 * A tool whose own data has no answer asks the FAQs: a question routed to the "wrong" tool
 * ("is there parking" to get_menu_info) is still answered. Its own answer stands otherwise, and
 * when no FAQ is relevant.
 */
export function withFaqFallback(handler: ToolHandler, lookUpFaq: FaqLookup): ToolHandler {
  return async (input) => {
    const own = await handler(input)
    // Unanswered, or only the general answer ("we deliver to …" for "do you take Apple Pay").
    if (!own.unanswered && own.metadata.match !== 'overview') return own
    const faq = await lookUpFaq(input)
    if (faq.unanswered) return own
    return { ...faq, metadata: { ...faq.metadata, fallback_from: own.metadata.category ?? null } }
  }
}

/**
 * A tool that searches its own category and falls back to the FAQs: both candidate lists come
 * from one statement, run when the tool searches (the FAQ list is then at hand if its own data
 * has no answer; a question the tool answers costs the FAQ rows' scoring, not a round trip).
 */
export function withFaqCandidates(
  handler: ToolHandler,
  category: KnowledgeCategory,
  knowledge: { prefetch: KnowledgeSearch['prefetch'] },
): ToolHandler {
  return ({ query, context }) => {
    const prefetched = knowledge.prefetch({
      restaurantId: context.restaurant.id,
      requests: [{ category, query }, faqSearchFor(query)],
      stages: context.stages,
    })
    return handler({ query, context: { ...context, prefetched } })
  }
}

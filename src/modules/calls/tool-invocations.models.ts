import type { toolInvocations } from '../../infra/db/schema.ts'
import { clip, readString, readTime } from './call-fields.models.ts'
import type { ToolInvocation } from './calls.types.ts'

// Spoken filler that speech recognition writes down; it says nothing about the question.
const FILLER_ANYWHERE = new Set([
  'um',
  'umm',
  'uh',
  'uhh',
  'uhm',
  'er',
  'erm',
  'ah',
  'hmm',
  'hm',
  'mm',
  'mhm',
  'please',
])
const FILLER_PHRASES = [/\byou know\b/g, /\bi mean\b/g, /\bkind of\b/g, /\bsort of\b/g]
// Only at the start: "so do you deliver" and "do you deliver" are the same question, but
// "is it well done" must keep its "well".
const FILLER_LEADING = new Set([
  'so',
  'well',
  'okay',
  'ok',
  'hey',
  'hi',
  'hello',
  'and',
  'also',
  'actually',
  'just',
  'yeah',
  'yes',
  'oh',
])

/**
 * The key "unanswered" questions are grouped by: lowercase, accents and punctuation removed,
 * filler dropped, whitespace collapsed. "Do you have, um, GLUTEN-free pasta?" and
 * "do you have gluten free pasta" become the same.
 */
export function normalizeQuestion(question: string): string {
  let text = question.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  text = text.replace(/['’]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ')
  for (const phrase of FILLER_PHRASES) text = text.replace(phrase, ' ')
  const words = text.split(' ').filter((word) => word !== '' && !FILLER_ANYWHERE.has(word))
  while (words.length > 1 && FILLER_LEADING.has(words[0]!)) words.shift()
  return words.join(' ').slice(0, 500)
}

export const MAX_INVOCATIONS_PER_REQUEST = 50

/** Rows to store for one webhook's tool calls, bounded and made storable. */
export function toInvocationRows(invocations: ToolInvocation[], now: Date): (typeof toolInvocations.$inferInsert)[] {
  return invocations.slice(0, MAX_INVOCATIONS_PER_REQUEST).map((invocation) => {
    const query = clip(typeof invocation.query === 'string' ? invocation.query : '', 1_000)
    return {
      restaurantId: invocation.restaurantId,
      vapiCallId: readString(invocation.vapiCallId, 200),
      toolCallId: readString(invocation.toolCallId, 200),
      tool: readString(invocation.tool, 100) ?? 'unknown',
      query,
      normalizedQuery: normalizeQuestion(query),
      result: clip(typeof invocation.result === 'string' ? invocation.result : '', 4_000),
      unanswered: invocation.unanswered === true,
      invokedAt: readTime(invocation.at instanceof Date ? invocation.at.getTime() : invocation.at) ?? now,
    }
  })
}

import { lexicon } from '../../infra/embeddings/food-lexicon.ts'
import { GENERIC_WORDS, STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'
import { constrainedAnswer, filterMenu, type MenuItem, topicMatches } from './menu-filters.models.ts'
import { detectConstraints, hasListConstraint } from './menu-frames.models.ts'
import { detectDiets } from './menu-intents.models.ts'
import { resolveMention } from './menu-mentions.models.ts'
import { detectProperty, propertyAnswer } from './menu-properties.models.ts'

// Understand a menu question against this restaurant's own vocabulary before searching: the dish
// it names (however it was heard), and the frame around it: a property of that dish, or a list
// under constraints. What this cannot place is left to the search and its relevance floor.

export type Understood =
  | { frame: 'property'; text: string; items: MenuItem[] }
  | { frame: 'named'; item: MenuItem }
  | { frame: 'list'; text: string; items: MenuItem[] }

const isContent = (word: string) => !STOPWORDS.has(word) && !GENERIC_WORDS.has(stem(word))

export function understandMenuQuestion(query: string, items: MenuItem[]): Understood | null {
  if (items.length === 0) return null
  const tags = items.flatMap((item) => item.dietary)
  const diets = detectDiets(query, tags)
  const constraints = detectConstraints(query, { ignore: diets.flatMap((d) => d.words) })
  const resolved = resolveMention(
    query,
    items.map((item) => item.name),
    items.map((item) => item.category ?? ''),
  )
  // A dish named inside a constraint ("anything but the bowl") is excluded, not asked about.
  const excluded = new Set([...constraints.notKinds, ...constraints.without.map((t) => t.key)])
  const mentionWords = resolved ? words(query).slice(resolved.start, resolved.end).map(stem) : []
  const inConstraint = mentionWords.some((word) => excluded.has(word))
  if (resolved && !inConstraint && (resolved.full || !hasListConstraint(constraints))) {
    const item = items[resolved.indexes[0]!]!
    const property = detectProperty(query, resolved, tags)
    if (property?.kind === 'describe') return { frame: 'named', item }
    if (property) return { frame: 'property', text: propertyAnswer(item, property), items: [item] }
    const heard = words(query)
    const rest = [...heard.slice(0, resolved.start), ...heard.slice(resolved.end)].filter(isContent)
    if (rest.length === 0 && resolved.indexes.length === 1) return { frame: 'named', item }
  }
  // Topic words that name nothing on this menu and are not food either are filler ("im", "guys").
  const unknown = constraints.topic.filter((term) => !items.some((item) => topicMatches(item, [term])))
  if (unknown.some((term) => lexicon.knows(term.key) || lexicon.ancestors(term.key).length > 0)) return null
  const topic = constraints.topic.filter((term) => !unknown.includes(term))
  const narrowed = { ...constraints, topic }
  const dietOfKind = diets.length > 0 && topic.length > 0
  if (!hasListConstraint(narrowed) && !dietOfKind) return null
  const result = filterMenu(items, narrowed, diets)
  const topicWords = topic.map((term) => term.text).join(' ')
  return {
    frame: 'list',
    // One restaurant's items share its currency.
    text: constrainedAnswer(result, narrowed, diets, topicWords, items[0]!.currency),
    items: result.items.slice(0, 5),
  }
}

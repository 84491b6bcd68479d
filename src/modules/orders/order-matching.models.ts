import { GENERIC_WORDS, STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'
import { normalizeText } from '../../shared/text-match.ts'
import { findMentions, resolveMention } from '../knowledge/menu-mentions.models.ts'

// Which menu item or modifier a spoken order line names, the way menu search matches names
// (sounds-alike keys and edit distance, "the carbonara" for Spaghetti Carbonara), but stricter:
// every other word of the line must be filler, so "pepperoni calzone" is not the Pepperoni Pizza.

export type NameMatch = { kind: 'found'; index: number } | { kind: 'ambiguous'; indexes: number[] } | { kind: 'none' }

const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'a', 'an', 'order', 'orders', 'please'])
const isFiller = (word: string) =>
  STOPWORDS.has(word) || GENERIC_WORDS.has(stem(word)) || NUMBER_WORDS.has(word) || /^\d+$/.test(word)

export function matchName(spoken: string, names: string[], categories: string[] = []): NameMatch {
  const said = normalizeText(spoken)
  if (!said) return { kind: 'none' }
  const exact = names.findIndex((name) => normalizeText(name) === said)
  if (exact >= 0) return { kind: 'found', index: exact }
  const resolved = resolveMention(spoken, names, categories)
  if (!resolved) {
    // Several items share the words said ("the ramen"): the caller must choose one of them.
    const mentions = findMentions(spoken, names).filter((m) => m.confidence >= 0.9)
    const indexes = [...new Set(mentions.map((m) => m.index))]
    return indexes.length > 1 && indexes.length <= 5 ? { kind: 'ambiguous', indexes } : { kind: 'none' }
  }
  const heard = words(spoken)
  const rest = [...heard.slice(0, resolved.start), ...heard.slice(resolved.end)]
  if (!rest.every(isFiller)) return { kind: 'none' }
  return resolved.indexes.length === 1
    ? { kind: 'found', index: resolved.indexes[0]! }
    : { kind: 'ambiguous', indexes: resolved.indexes }
}

/** Up to `limit` names closest to what was said: partial sounds-alike matches first, then spelling. */
export function closestNames(spoken: string, names: string[], limit = 3): string[] {
  const byMention = [...new Set(findMentions(spoken, names).map((m) => m.index))]
  const said = normalizeText(spoken)
  const similarity = (name: string) => {
    const a = new Set(trigramsOf(said))
    const b = trigramsOf(normalizeText(name))
    const shared = b.filter((g) => a.has(g)).length
    return shared / Math.max(1, a.size + b.length - shared)
  }
  const bySpelling = names
    .map((name, index) => ({ index, score: similarity(name) }))
    .filter((entry) => entry.score > 0.05 && !byMention.includes(entry.index))
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.index)
  return [...byMention, ...bySpelling].slice(0, limit).map((index) => names[index]!)
}

function trigramsOf(text: string): string[] {
  const padded = `  ${text} `
  const grams: string[] = []
  for (let i = 0; i < padded.length - 2; i++) grams.push(padded.slice(i, i + 3))
  return grams
}

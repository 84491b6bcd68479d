import { doubleMetaphone } from 'double-metaphone'
import { distance } from 'fastest-levenshtein'
import { lexicon } from '../../infra/embeddings/food-lexicon.ts'
import { stem, words } from '../../infra/embeddings/text-analysis.ts'
import { wordKnowledge } from '../../infra/word-knowledge/word-knowledge.ts'
import { memo } from '../../shared/memo.ts'
import type { MenuItem } from './menu-filters.models.ts'
import { detectAllergen, listsAllergen } from './menu-intents.models.ts'
import { findMentions, resolveMention, soundsLikeForm } from './menu-mentions.models.ts'
import { joinList, priceOf, speakableDescription } from './speech.models.ts'
import { spellingKey, spellingKeySimilarity } from './spelling-key.models.ts'

// Evidence for the voice model rather than verdicts: when a question names dishes, compares them
// or asks about one dish under an allergy, the answer states each dish's recorded facts, and the
// model that hears the caller's whole question phrases the yes or no.

/** "Falafel Plate, $9: six crisp chickpea … Vegan. Allergens: sesame." One dish's facts. */
export function factsOf(item: MenuItem): string {
  const description = speakableDescription(item.description)
  const parts = [`${item.name}, ${priceOf(item)}${description ? `: ${description}` : ''}`]
  if (item.dietary.length > 0) parts.push(`${joinList(item.dietary)}`)
  if (item.allergens.length > 0) parts.push(`allergens: ${joinList(item.allergens)}`)
  if (item.available === false) parts.push('not available right now')
  return `${parts.join('; ')}.`
}

/** Two or more dishes named in one question ("the hummus and the baba ghanoush"): each one's facts. */
export function namedDishes(query: string, items: MenuItem[]): MenuItem[] {
  const names = items.map((item) => item.name)
  const taken: { start: number; end: number }[] = []
  const found: number[] = []
  const categories = items.map((item) => item.category ?? '')
  for (const mention of findMentions(query, names)) {
    if (taken.some((span) => mention.start < span.end && span.start < mention.end)) continue
    // A part of a name counts only where it picks one dish ("the tikka masala"), as resolveMention decides.
    const said = words(query).slice(mention.start, mention.end).join(' ')
    if (!mention.full) {
      const alone = resolveMention(`the ${said}`, names, categories)
      if (alone?.indexes.length !== 1 || alone.indexes[0] !== mention.index) continue
    }
    if (mention.confidence < 0.85 || found.includes(mention.index)) continue
    taken.push(mention)
    found.push(mention.index)
  }
  return found.length >= 2 ? found.map((index) => items[index]!) : []
}

type Superlative = { order: 'cheapest' | 'priciest' | 'largest'; words: string[] }
const SUPERLATIVES: [RegExp, Superlative['order']][] = [
  [/\b(cheapest|least expensive|lowest price[d]?|most affordable|cheapest thing)\b/, 'cheapest'],
  [/\b(most expensive|priciest|dearest|highest price[d]?)\b/, 'priciest'],
  [/\b(biggest|largest|most filling|heartiest)\b/, 'largest'],
]

export function detectSuperlative(query: string): Superlative | null {
  const text = words(query).join(' ')
  for (const [pattern, order] of SUPERLATIVES) {
    const match = pattern.exec(text)
    if (match) return { order, words: match[0].split(' ') }
  }
  return null
}

/** The menu's own section a question names ("drink" → Drinks, "starter" → Starters, "main" → Mains). */
function sectionOf(query: string, items: MenuItem[], ignore: string[]): MenuItem[] {
  const asked = words(query)
    .filter((word) => !ignore.includes(word))
    .map(stem)
  const sections = [...new Set(items.map((item) => item.category).filter(Boolean))] as string[]
  const matching = sections.filter((section) =>
    words(section)
      .map(stem)
      .some((word) => asked.some((a) => lexicon.synonyms(a).includes(word) || a === word)),
  )
  return matching.length > 0 ? items.filter((item) => matching.includes(item.category ?? '')) : items
}

/** How much a dish is: people it serves, then pieces or grams its description gives, then its price. */
function sizeOf(item: MenuItem): number {
  const text = words(`${item.name} ${item.description ?? ''}`).join(' ')
  const serves = /\b(for|serves) (two|2|three|3|four|4)\b|\bto share\b|\bsharing\b|\bplatter\b/.test(text) ? 1000 : 0
  return serves + item.price
}

/** "What's your cheapest drink": the extremes of the section asked about, by price or size. */
export function superlativeAnswer(query: string, items: MenuItem[]): { text: string; items: MenuItem[] } | null {
  const superlative = detectSuperlative(query)
  if (!superlative) return null
  const pool = sectionOf(query, items, superlative.words).filter((item) => item.available !== false)
  if (pool.length === 0) return null
  const value = superlative.order === 'largest' ? sizeOf : (item: MenuItem) => item.price
  const sorted = [...pool].sort((a, b) =>
    superlative.order === 'cheapest' ? value(a) - value(b) : value(b) - value(a),
  )
  const best = sorted.filter((item) => value(item) === value(sorted[0]!)).slice(0, 2)
  const next = sorted.find((item) => !best.includes(item))
  const label = { cheapest: 'The lowest priced', priciest: 'The highest priced', largest: 'The largest' }[
    superlative.order
  ]
  const runnerUp = next ? ` Next: ${next.name} (${priceOf(next)}).` : ''
  const facts = joinList(best.map((item) => factsOf(item).slice(0, -1)))
  return {
    text: `${label} ${best.length > 1 ? 'are' : 'is'} ${facts}.${runnerUp}`,
    items: next ? [...best, next] : best,
  }
}

/** "I can't have sesame, can I get the falafel plate": that dish first, then what it records. */
export function allergenAboutDish(query: string, items: MenuItem[]): { text: string; items: MenuItem[] } | null {
  const resolved = resolveMention(
    query,
    items.map((item) => item.name),
    items.map((item) => item.category ?? ''),
  )
  if (resolved?.indexes.length !== 1) return null
  const terms = words(query).map((word) => ({ key: stem(word), text: word }))
  const intent = detectAllergen(
    query,
    items.flatMap((item) => item.allergens),
    terms,
  )
  if (!intent) return null
  const item = items[resolved.indexes[0]!]!
  const label = joinList(intent.allergens.map((key) => terms.find((t) => t.key === key)?.text ?? key))
  const listed = intent.allergens.some((allergen) => listsAllergen(item, allergen))
  const recorded = item.allergens.length > 0 ? `its recorded allergens are ${joinList(item.allergens)}` : ''
  const dish = `The ${item.name} (${priceOf(item)})`
  const verdict = listed
    ? `${dish} lists ${label} among its allergens${recorded ? `: ${recorded}` : ''}.`
    : `${dish} doesn't list ${label} among its allergens${recorded ? `; ${recorded}` : ''}.`
  const description = speakableDescription(item.description)
  const described = description ? ` Described as: ${description}.` : ''
  return {
    text: `${verdict}${described} Please mention the allergy when you order so the kitchen can confirm.`,
    items: [item],
  }
}

const NEGATORS = new Set(['no', 'without', 'not', 'never', 'zero', 'nor'])

/** Whether the dish's description says it is without the thing: "no croutons", "no added sugar", "sugar-free". */
export function describedWithout(item: MenuItem, key: string): boolean {
  const said = words(item.description ?? '')
  const wanted = new Set(lexicon.synonyms(key))
  let mentioned = false
  for (let i = 0; i < said.length; i++) {
    if (!wanted.has(stem(said[i]!))) continue
    mentioned = true
    const negated =
      NEGATORS.has(said[i - 1] ?? '') || NEGATORS.has(said[i - 2] ?? '') || ['free', 'less'].includes(said[i + 1] ?? '')
    if (!negated) return false
  }
  return mentioned
}

/** Word-vector similarity at which two words are taken to mean the same thing on a menu ("chilled" / "iced"). */
const MEANS_THE_SAME = 0.65

/** Letters doubled or not are one spelling: "daal" is "dal", "channa" is "chana". */
const single = (word: string) => word.replace(/(.)\1+/g, '$1')

// Asked for every word of the question against every word of every candidate's name, on every
// question that finds nothing: a pure function of the two words, kept.
const sameNamePair = memo((pair) => {
  const [heard, named] = pair.split('\u0000') as [string, string]
  return spellsTheSame(heard, named)
})

/** Whether two words are one name spelt two ways: same letters undoubled, the same sound, or a near spelling. */
export const sameNameWord = (heard: string, named: string): boolean => sameNamePair(`${heard}\u0000${named}`)

function spellsTheSame(heard: string, named: string): boolean {
  if (stem(heard) === stem(named) || single(heard) === single(named)) return true
  if (heard.length < 4 || named.length < 4) return false
  if (soundsLikeForm(heard, { text: named, keys: doubleMetaphone(named).filter(Boolean) }) > 0) return true
  const longest = Math.max(heard.length, named.length)
  return longest >= 5 && 1 - distance(heard, named) / longest >= 0.6 && heard[0] === named[0]
}

/** Key similarity at which two spellings may be one dish's name in two languages, if its kind agrees. */
const SPELT_ABROAD = 0.75

/** Whether WordNet's kinds of the heard word ("borscht" → soup) are what the dish is ("beetroot broth" → soup). */
function kindAgrees(heard: string, item: MenuItem): boolean {
  const kinds = new Set(wordKnowledge().kinds(heard).map(stem))
  if (kinds.size === 0) return false
  const own = words(`${item.category ?? ''} ${item.description ?? ''}`)
  return own.some(
    (word) =>
      kinds.has(stem(word)) ||
      wordKnowledge()
        .kinds(word)
        .some((kind) => kinds.has(stem(kind))),
  )
}

/**
 * One dish's name written in another language ("borscht" for Barszcz, "pirogi" for Pierogi): the
 * same spelling key, or a near one (same first sound) where WordNet's kind of the heard word is
 * what the dish's record says it is. Two signals, since near keys alone join "bigos" and "bagels".
 */
export function speltAbroad(heard: string, named: string, item: MenuItem): boolean {
  if (heard.length < 5 || named.length < 5) return false
  const [a, b] = [spellingKey(heard), spellingKey(named)]
  if (a === b) return true
  return a[0] === b[0] && spellingKeySimilarity(heard, named) >= SPELT_ABROAD && kindAgrees(heard, item)
}

/**
 * Whether a dish comes close to the thing asked for, as a whole: every content word of it is a
 * word of the dish's name spelt or heard another way ("golumpki" → Golabki, "daal" → Dal Makhani),
 * or, beside such a word, means a word of its description (word vectors). Then the dish is
 * offered as the answer, never denied.
 */
export function comesClose(subject: string[], item: MenuItem, { foreignNames = true } = {}): boolean {
  const name = words(item.name)
  // A word of the name or of the question itself cannot stand for another word ("lamb chops" is not "shaved lamb").
  const description = words(item.description ?? '').filter((part) => !name.includes(part) && !subject.includes(part))
  const knowledge = wordKnowledge()
  let inName = 0
  let unknown = 0
  const means = (word: string) =>
    description.some((part) => stem(part) === stem(word) || knowledge.similarity(word, part) >= MEANS_THE_SAME)
  // A word no dictionary knows, beside a word of the name, is most likely the dish's name in
  // another language or region ("saag paneer" for Palak Paneer): evidence for it, not against.
  // Options are named in plain words ("Extra Gochujang"), so there it is no evidence ("extra foamy").
  const unheardOf = (word: string) =>
    foreignNames && !knowledge.knows(word) && !lexicon.knows(stem(word)) && knowledge.kinds(word).length === 0
  for (const word of subject) {
    if (name.some((part) => sameNameWord(word, part) || speltAbroad(word, part, item))) inName++
    else if (means(word)) continue
    else if (unheardOf(word)) unknown++
    else return false
  }
  return inName > 0 && inName >= subject.length / 2 && unknown <= 1
}

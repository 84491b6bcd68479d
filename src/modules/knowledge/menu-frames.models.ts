import { wordsToNumbers } from 'words-to-numbers'
import { lexicon, termsOf } from '../../infra/embeddings/food-lexicon.ts'
import { GENERIC_WORDS, STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'

// The frame of a menu question around the dishes it names: a list under constraints (a price
// ceiling, hot or cold drinks, "but not a salad", "without peanuts"). Spoken numbers and money
// become numbers here ("under ten bucks" → 10).

export type Constraints = {
  maxPrice: number | null
  temperature: 'hot' | 'cold' | null
  /** "something spicy under $15": spice is a property of the dish, not a kind of dish. */
  spicy: boolean
  /** Kinds of dish the caller does not want ("isn't a drink" → drink). */
  notKinds: string[]
  /** Ingredients or allergens the caller does not want ("without nuts", "don't have peanuts" → nut, peanut). */
  without: { key: string; text: string }[]
  /** What is left: the words that say which dishes ("curries", "noodle dishes"). */
  topic: { key: string; text: string }[]
}

const CURRENCY = /\b(dollars?|bucks?|pounds?|quid|euros?|cents?|usd|gbp|cad)\b/g
const CEILING = new RegExp(
  String.raw`\b(?:under|below|less than|cheaper than|up to|no more than|at most|max(?:imum)?|within)\s+` +
    String.raw`(?:a\s+|about\s+)?[$£€]?\s*(\d+(?:\.\d+)?)(?:\s+(\d{2})\b)?`,
)
const OR_LESS =
  /[$£€]?\s*(\d+(?:\.\d+)?)\s*(?:dollars?|bucks?|pounds?|quid|euros?)?\s+or\s+(?:less|under|below|cheaper)/

/** "anything under ten dollars" → 10; "less than twelve fifty" → 12.5; null when no ceiling is asked. */
export function priceCeiling(query: string): number | null {
  const spoken = String(wordsToNumbers(query.toLowerCase().replace(/-/g, ' ')) ?? '')
  const match = CEILING.exec(spoken) ?? OR_LESS.exec(spoken)
  if (!match) return null
  const whole = Number(match[1])
  const cents = match[2] && !match[1]!.includes('.') ? Number(match[2]) / 100 : 0
  return Number.isFinite(whole) ? whole + cents : null
}

const DRINK_WORDS = new Set(['drink', 'beverage', 'sip', 'refreshment', 'cuppa'])
const HOT_WORDS = new Set(['hot', 'warm', 'warming', 'steaming'])
const COLD_WORDS = new Set(['cold', 'iced', 'chilled', 'cool', 'refreshing', 'icy', 'frozen'])

/** "something hot to drink" → hot; "a cold drink" → cold; "something hot" alone is about spice, not temperature. */
export function drinkTemperature(query: string): 'hot' | 'cold' | null {
  const heard = words(query).map(stem)
  if (!heard.some((word) => DRINK_WORDS.has(word))) return null
  if (heard.some((word) => HOT_WORDS.has(word))) return 'hot'
  if (heard.some((word) => COLD_WORDS.has(word))) return 'cold'
  return null
}

const NOT_KIND = new RegExp(
  String.raw`\b(?:but not|that (?:is not|isnt)|thats not|which (?:is not|isnt)|other than|except|apart from|besides)` +
    String.raw`\s+(?:an?\s+|the\s+|any\s+)?([a-z]+)`,
  'g',
)
const WITHOUT = new RegExp(
  String.raw`\b(?:without|no|hold the|free of|(?:do|does) not (?:have|contain)|(?:dont|doesnt) (?:have|contain)` +
    String.raw`|with no|not any)\s+(?:any\s+)?([a-z]+(?:\s[a-z]+)?)`,
  'g',
)

const isFoodWord = (key: string) => lexicon.knows(key) || lexicon.ancestors(key).length > 0

function firstFoodTerm(text: string) {
  return termsOf(text).find((term) => isFoodWord(term.key) || (!STOPWORDS.has(term.text) && term.text.length > 2))
}

/** Words that only frame the question ("which", "options", "dishes", "anything"), never a topic. */
const FRAME_WORDS = new Set(
  [
    'anything',
    'something',
    'got',
    'under',
    'below',
    'less',
    'cheaper',
    'max',
    'maximum',
    'within',
    'most',
    'isnt',
    'not',
  ]
    .concat(['but', 'except', 'apart', 'besides', 'without', 'no', 'free', 'hold', 'contain', 'contains', 'thats'])
    .concat(['hot', 'cold', 'warm', 'iced', 'chilled', 'cool', 'drink', 'sip', 'beverage', 'which', 'ones'])
    .map(stem),
)

export function detectConstraints(query: string, { ignore = [] as string[] } = {}): Constraints {
  const text = words(query).join(' ')
  const notKinds: string[] = []
  const consumed = new Set<string>(ignore)
  for (const match of text.matchAll(NOT_KIND)) {
    const term = firstFoodTerm(match[1]!)
    if (term) {
      notKinds.push(term.key)
      consumed.add(term.text)
    }
  }
  const without: { key: string; text: string }[] = []
  for (const match of text.matchAll(WITHOUT)) {
    const term = termsOf(match[1]!).find((t) => isFoodWord(t.key))
    if (term && !without.some((w) => w.key === term.key)) {
      without.push(term)
      for (const word of term.text.split(' ')) consumed.add(word)
    }
  }
  const maxPrice = priceCeiling(query)
  const temperature = drinkTemperature(query)
  const spiceWords = temperature ? ['spicy', 'spicier', 'fiery'] : ['spicy', 'spicier', 'fiery', 'hot']
  const spicy = words(query).some((word) => spiceWords.includes(word))
  if (spicy) for (const word of spiceWords) consumed.add(word)
  const withoutNumbers = text.replace(CURRENCY, ' ').replace(/\b\d+\b/g, ' ')
  const numberWords = maxPrice === null ? [] : words(query).filter((word) => /^\d|^[a-z]+$/.test(word))
  const topic = termsOf(withoutNumbers).filter(
    (term) =>
      !STOPWORDS.has(term.text) &&
      !GENERIC_WORDS.has(term.key) &&
      !FRAME_WORDS.has(term.key) &&
      !consumed.has(term.text) &&
      !(maxPrice !== null && numberWords.includes(term.text) && String(wordsToNumbers(term.text)) !== term.text),
  )
  return { maxPrice, temperature, spicy, notKinds, without, topic }
}

export const hasListConstraint = (c: Constraints) =>
  c.maxPrice !== null || c.temperature !== null || c.notKinds.length > 0 || c.without.length > 0

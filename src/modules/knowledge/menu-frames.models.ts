import { wordsToNumbers } from 'words-to-numbers'
import { lexicon, termsOf } from '../../infra/embeddings/food-lexicon.ts'
import { GENERIC_WORDS, STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'
import { wordKnowledge } from '../../infra/word-knowledge/word-knowledge.ts'

// The frame of a menu question around the dishes it names: a list under constraints (a price
// ceiling, hot or cold drinks, "but not a salad", "without peanuts"). Spoken numbers and money
// become numbers here ("under ten bucks" → 10).

export type Constraints = {
  maxPrice: number | null
  temperature: 'hot' | 'cold' | null
  /** Whether the temperature was asked of a drink ("a hot drink") or of anything ("something warm"). */
  temperatureOf: 'drinks' | 'anything'
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

/** When something is wanted ("for a cold night", "on a freezing day"): the weather is said before these. */
const TIMES = new Set(['day', 'days', 'night', 'nights', 'evening', 'evenings', 'morning', 'afternoon', 'weather'])
const ARTICLES = new Set(['a', 'an', 'the', 'this', 'these', 'such'])

/**
 * Whether a word of the weather means hot or cold: WordNet's adjective clusters ("icy", "wintry"
 * → cold; "sweltering" → hot), and for a word WordNet has no adjective for ("freezing"), the word
 * vectors, with a margin, since they put opposites close ("cold" and "hot" are 0.72 apart).
 */
function weatherOf(word: string): 'hot' | 'cold' | null {
  if (HOT_WORDS.has(word)) return 'hot'
  if (COLD_WORDS.has(word)) return 'cold'
  const knowledge = wordKnowledge()
  const heads = knowledge.adjectiveHeads(word)
  if (heads.length > 0) {
    const head = heads.find((h) => ['hot', 'warm', 'cold', 'cool', 'wintry'].includes(h))
    return head === undefined ? null : ['hot', 'warm'].includes(head) ? 'hot' : 'cold'
  }
  const [cold, hot] = [knowledge.similarity(word, 'cold'), knowledge.similarity(word, 'hot')]
  if (Math.max(cold, hot) < 0.5 || Math.abs(cold - hot) < 0.1) return null
  return cold > hot ? 'cold' : 'hot'
}

/**
 * "something warm for a cold night" → hot; "what's good on a freezing day" → hot (the weather's
 * opposite); "something cold for a hot day" → cold. "Hot" said of the dish is spice unless the
 * caller also speaks of the weather. The weather's words are returned to be left out of the topic.
 */
export function dishTemperature(query: string): { temperature: 'hot' | 'cold' | null; weather: string[] } {
  const heard = words(query)
  let weather: 'hot' | 'cold' | null = null
  const weatherAt: number[] = []
  heard.forEach((word, i) => {
    if (!TIMES.has(heard[i + 1] ?? '') || !ARTICLES.has(heard[i - 1] ?? '')) return
    const felt = weatherOf(word)
    if (felt) {
      weather = felt
      weatherAt.push(i, i + 1)
    }
  })
  const ofDish = heard.find((word, i) => !weatherAt.includes(i) && (HOT_WORDS.has(word) || COLD_WORDS.has(word)))
  const said = weatherAt.map((i) => heard[i]!)
  if (ofDish && (ofDish !== 'hot' || weather))
    return { temperature: HOT_WORDS.has(ofDish) ? 'hot' : 'cold', weather: said }
  if (weather) return { temperature: weather === 'cold' ? 'hot' : 'cold', weather: said }
  return { temperature: null, weather: [] }
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
  const forDrink = drinkTemperature(query)
  const forDish = forDrink ? null : dishTemperature(query)
  const temperature = forDrink ?? forDish?.temperature ?? null
  for (const word of forDish?.weather ?? []) consumed.add(word)
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
  const temperatureOf = forDrink ? 'drinks' : 'anything'
  return { maxPrice, temperature, temperatureOf, spicy, notKinds, without, topic }
}

export const hasListConstraint = (c: Constraints) =>
  c.maxPrice !== null || c.temperature !== null || c.notKinds.length > 0 || c.without.length > 0

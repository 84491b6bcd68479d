import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { STOPWORDS, words } from '../../infra/embeddings/text-analysis.ts'
import { wordKnowledge } from '../../infra/word-knowledge/word-knowledge.ts'
import { speakPrice } from '../../shared/money.ts'
import { DONT_KNOW } from '../faqs/faq-answers.models.ts'
import { conceptsIn } from '../faqs/faq-concepts.models.ts'
import { normalizeForMatch } from './eval.models.ts'
import { spellingKey } from './spelling-key.models.ts'

// Caller questions generated from a restaurant bundle, for any restaurant: nobody writes them one
// by one, so they cannot fit the examples. Each case says which facts the answer must hold.

type Bundle = {
  name: string
  currency?: string
  phone_numbers?: string[]
  menu_items?: {
    name: string
    description?: string
    price: number
    available?: boolean
    dietary?: string[]
    allergens?: string[]
  }[]
  modifiers?: { name: string; description?: string; price: number }[]
  delivery_zones?: { zone_name: string; postal_codes?: string[] }[]
  faqs?: { question: string; answer: string }[]
}

export type GeneratedCase = {
  tool: string
  query: string
  /** Every one must be named in the answer (case, accents and punctuation ignored). */
  names?: string[]
  /** Every one must appear in the answer as written (prices). */
  says?: string[]
  /** Expected polarity of a yes/no answer: it must not open with the opposite. */
  notOpening?: 'yes' | 'no'
  /** The answer must not deny anything ("we don't have …"). */
  noDenial?: boolean
  /** At most this many of the restaurant's zones may be named. */
  maxZones?: number
  /** The answer must be exactly this ("I don't know" for an FAQ not on file). */
  exactly?: string
  /** Words of the question the answer must not repeat (a denial built from the caller's words). */
  notRepeating?: string[]
}

export const EXAMPLE_BUNDLE_DIRS = [
  'examples/restaurants',
  ...['eval-knowledge', 'eval-unseen', 'eval-world'].map((set) => `examples/${set}/restaurants`),
]

export function exampleBundles(root: string): { file: string; bundle: Bundle }[] {
  return EXAMPLE_BUNDLE_DIRS.flatMap((dir) =>
    readdirSync(path.join(root, dir))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => ({
        file: `${dir}/${file}`,
        bundle: JSON.parse(readFileSync(path.join(root, dir, file), 'utf8')),
      })),
  )
}

/** At most `count` entries, spread evenly over the list: the same ones on every run. */
export function spread<T>(list: T[], count: number): T[] {
  if (list.length <= count) return list
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]!)
}

/** A slip speech recognition makes: a spelling that sounds the same, or the longest word cut in two. */
export function soundsAlikeSlip(name: string): string {
  const parts = name.toLowerCase().split(/\s+/)
  const longest = parts.reduce((best, word, i) => (word.length > parts[best]!.length ? i : best), 0)
  const word = parts[longest]!
  const swaps: [RegExp, string][] = [
    [/ph/, 'f'],
    [/c(?=[aou])/, 'k'],
    [/qu/, 'kw'],
    [/ee/, 'ea'],
    [/z/, 's'],
    [/ck/, 'k'],
    [/y$/, 'ie'],
  ]
  const swap = swaps.find(([pattern]) => pattern.test(word))
  const slipped =
    swap && word.length >= 4
      ? word.replace(swap[0], swap[1])
      : word.length >= 7
        ? `${word.slice(0, Math.ceil(word.length / 2))} ${word.slice(Math.ceil(word.length / 2))}`
        : word
  return parts.map((part, i) => (i === longest ? slipped : part)).join(' ')
}

const DIGIT_NAMES = ['oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const LETTER_NAMES: Record<string, string> = {
  E: 'ee',
  M: 'em',
  N: 'en',
  J: 'jay',
  U: 'you',
  S: 'ess',
  W: 'double you',
}

/** A postcode said three ways: each character apart, in groups of two/three, and as words ("oh", letter names). */
export function spokenPostcodes(code: string): string[] {
  const chars = code
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .split('')
  const grouped = chars.join('').replace(/(\w{3})(?=\w)/, '$1 ')
  const words = chars.map((c) => (/\d/.test(c) ? DIGIT_NAMES[Number(c)]! : (LETTER_NAMES[c] ?? c.toLowerCase())))
  return [chars.join(' '), grouped, words.join(' ')]
}

/** "Do you take reservations?" → "I was wondering, you take reservations or not": another frame, the topic kept. */
export function paraphrase(question: string): string {
  const text = question.replace(/[?.!]+$/, '').trim()
  const frames: [RegExp, string][] = [
    [/^do you (.*)$/i, 'I was wondering, you $1 or not'],
    [/^is there (.*)$/i, 'would there be $1 at all'],
    [/^are there (.*)$/i, 'would there be $1 at all'],
    [/^can i (.*)$/i, 'am I allowed to $1'],
    [/^can we (.*)$/i, 'are we allowed to $1'],
    [/^where can i (.*)$/i, 'any idea where I might $1'],
    [/^is (.*)$/i, 'tell me, is $1'],
  ]
  for (const [pattern, frame] of frames) if (pattern.test(text)) return text.replace(pattern, frame)
  return `I wanted to ask, ${text.toLowerCase()}`
}

const NEAR_SYNONYM = 0.4

/**
 * The question with its one word that has the nearest WordNet synonym replaced by it ("Do you take
 * reservations?" → "do you take booking"): the FAQ asked in a word it does not contain. Nearest in
 * the vectors, since WordNet's lists also hold rarer senses ("dog" → chase).
 */
export function synonymParaphrase(question: string): string | null {
  const knowledge = wordKnowledge()
  const said = words(question)
  let best: { at: number; synonym: string; similarity: number } | null = null
  said.forEach((word, at) => {
    if (STOPWORDS.has(word) || word.length < 4) return
    for (const synonym of knowledge.synonyms(word)) {
      const similarity = knowledge.similarity(word, synonym)
      if (synonym.startsWith(word.slice(0, 4)) || similarity < NEAR_SYNONYM) continue
      if (!best || similarity > best.similarity) best = { at, synonym, similarity }
    }
  })
  if (!best) return null
  const { at, synonym } = best
  return said.map((word, i) => (i === at ? synonym : word)).join(' ')
}

// Respellings that keep a name's spelling key, as another language writes the same sounds.
const ABROAD: [RegExp, string][] = [
  [/sz/, 'sh'],
  [/cz/, 'ch'],
  [/sh/, 'sz'],
  [/ch/, 'cz'],
  [/v/, 'w'],
  [/w/, 'v'],
  [/ph/, 'f'],
  [/k(?=[aou])/, 'c'],
  [/o/, 'a'],
  [/e/, 'i'],
]

/** A dish's name with its longest foreign word (no English vector) as another language might spell it, or null. */
export function spelledAbroad(name: string): string | null {
  const parts = name.toLowerCase().split(/\s+/)
  const foreign = parts.filter((part) => /^[a-z]{6,}$/.test(part) && !wordKnowledge().knows(part))
  const word = foreign.sort((a, b) => b.length - a.length)[0]
  if (!word) return null
  const longest = parts.indexOf(word)
  for (const [pattern, replacement] of ABROAD) {
    const respelt: string = word.replace(pattern, replacement)
    if (respelt !== word && spellingKey(respelt) === spellingKey(word))
      return parts.map((part, i) => (i === longest ? respelt : part)).join(' ')
  }
  return null
}

/** Other restaurants' FAQ questions about things this one has no FAQ on: each must be "I don't know". */
export function faqsNotOnFile(bundle: Bundle, others: Bundle[]): string[] {
  const onFile = new Set((bundle.faqs ?? []).flatMap((faq) => conceptsIn(`${faq.question} ${faq.answer}`).concepts))
  const asked = new Set<string>()
  for (const other of others) {
    for (const faq of other.faqs ?? []) {
      const concepts = conceptsIn(faq.question).concepts
      if (concepts.length > 0 && concepts.every((concept) => !onFile.has(concept))) asked.add(faq.question)
    }
  }
  return spread([...asked].sort(), 4)
}

/** "no croutons", "no added sugar": what a description says the dish is without. */
const negated = (description: string) => /\bno ((?:added |extra )?[a-z]+)/i.exec(description)?.[1]

/** Every generated case for one bundle; dishes spread evenly so each database stays well under a minute. */
export function casesFor(bundle: Bundle, { dishes = 6, others = [] as Bundle[] } = {}): GeneratedCase[] {
  const cases: GeneratedCase[] = []
  const menu = 'get_menu_info'
  for (const item of spread(bundle.menu_items ?? [], dishes)) {
    const sold = item.available === false
    cases.push({
      tool: menu,
      query: `how much is the ${item.name}`,
      names: [item.name],
      says: sold ? [] : [speakPrice(item.price, bundle.currency)],
      noDenial: true,
    })
    cases.push({ tool: menu, query: `do you have ${item.name.toLowerCase()}`, names: [item.name], noDenial: true })
    cases.push({ tool: menu, query: `can I get the ${soundsAlikeSlip(item.name)}`, names: [item.name], noDenial: true })
    const abroad = spelledAbroad(item.name)
    if (abroad) cases.push({ tool: menu, query: `do you have ${abroad}`, names: [item.name], noDenial: true })
    const tag = item.dietary?.[0]
    const without = item.description ? negated(item.description) : undefined
    if (without)
      cases.push({ tool: menu, query: `does the ${item.name} have ${without}`, names: [item.name], notOpening: 'yes' })
    else if (tag) cases.push({ tool: menu, query: `is the ${item.name} ${tag}`, names: [item.name], notOpening: 'no' })
  }
  for (const zone of bundle.delivery_zones ?? []) {
    for (const code of (zone.postal_codes ?? []).slice(0, 1))
      for (const spoken of spokenPostcodes(code))
        cases.push({
          tool: 'get_zones_info',
          query: `do you deliver to ${spoken}`,
          names: [zone.zone_name],
          maxZones: 1,
        })
  }
  for (const option of bundle.modifiers ?? []) {
    cases.push({
      tool: 'get_modifiers_info',
      query: `can I add ${option.name.toLowerCase()}`,
      names: [option.name],
      noDenial: true,
    })
  }
  for (const faq of bundle.faqs ?? []) {
    const answer = faq.answer.split(/[.;,]/)[0]!
    cases.push({ tool: 'get_restaurant_info', query: paraphrase(faq.question), says: [answer] })
    const reworded = synonymParaphrase(faq.question)
    if (reworded) cases.push({ tool: 'get_restaurant_info', query: reworded, says: [answer] })
  }
  for (const question of faqsNotOnFile(bundle, others))
    cases.push({ tool: 'get_restaurant_info', query: question, exactly: DONT_KNOW })
  // The weather is the circumstance, never a dish to deny.
  for (const weather of ['anything warm for a cold night', 'something cold for a hot day'])
    cases.push({ tool: menu, query: weather, noDenial: true, notRepeating: ['night', 'day'] })
  return cases
}

/** What is wrong with an answer to a case, if anything. */
export function problemsWith(testCase: GeneratedCase, result: string, zoneNames: string[]): string[] {
  const problems: string[] = []
  const heard = ` ${normalizeForMatch(result)} `
  for (const name of testCase.names ?? [])
    if (!heard.includes(` ${normalizeForMatch(name)} `)) problems.push(`does not name ${name}`)
  for (const text of testCase.says ?? []) if (!result.includes(text)) problems.push(`does not say ${text}`)
  if (testCase.noDenial && /\b(don'?t have|not on (the|our) menu|isn'?t on)\b/i.test(result)) problems.push('denies')
  if (testCase.notOpening && new RegExp(`^\\s*${testCase.notOpening}\\b`, 'i').test(result))
    problems.push(`opens with ${testCase.notOpening}`)
  if (testCase.exactly !== undefined && result !== testCase.exactly) problems.push(`is not "${testCase.exactly}"`)
  for (const word of testCase.notRepeating ?? []) if (heard.includes(` ${word} `)) problems.push(`repeats "${word}"`)
  if (testCase.maxZones !== undefined) {
    const named = zoneNames.filter((zone) => heard.includes(` ${normalizeForMatch(zone)} `))
    if (named.length > testCase.maxZones) problems.push(`names ${named.length} zones`)
  }
  return problems
}

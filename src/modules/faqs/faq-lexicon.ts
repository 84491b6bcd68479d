import { STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'
import { wordKnowledge } from '../../infra/word-knowledge/word-knowledge.ts'

// What callers ask about a restaurant beyond its food, as concepts a host would recognise: "where
// do I leave my car" and "is there parking" are one question. Each concept lists words and short
// phrases (matched on stems); it names general topics, never one restaurant's answers.

const CONCEPTS: Record<string, string[]> = {
  parking: ['parking', 'car', 'garage', 'valet', 'parking lot', 'drive'],
  byob: ['byob', 'byo', 'corkage', 'bring my own', 'bring our own', 'bring your own', 'own wine', 'own bottle'],
  reservation: ['reservation', 'reserve', 'book', 'book a table'],
  private: [
    'private room',
    'private dining',
    'private event',
    'private party',
    'party room',
    'event space',
    'buyout',
    'large group',
    'big group',
    'banquet',
    'function room',
  ],
  children: ['kid', 'child', 'children', 'high chair', 'highchair', 'toddler', 'baby', 'stroller'],
  pets: ['dog', 'pet', 'puppy', 'animal', 'service animal'],
  accessibility: [
    'wheelchair',
    'accessible',
    'accessibility',
    'disabled',
    'disability',
    'ramp',
    'stairs',
    'steps',
    'step free',
    'elevator',
    'lift',
  ],
  payment: [
    'pay',
    'payment',
    'card',
    'credit',
    'debit',
    'cash',
    'visa',
    'mastercard',
    'amex',
    'american express',
    'apple pay',
    'google pay',
    'contactless',
  ],
  wifi: ['wifi', 'wi fi', 'internet', 'wireless'],
  dress: ['dress code', 'dress', 'attire', 'jacket', 'formal', 'shorts'],
  gift: ['gift card', 'gift certificate', 'voucher'],
  outdoor: ['outdoor', 'outside', 'patio', 'terrace', 'garden', 'sidewalk', 'al fresco'],
  address: ['address', 'located', 'location', 'directions', 'subway', 'station', 'cross street'],
  restroom: ['restroom', 'bathroom', 'toilet', 'washroom'],
  takeout: ['takeout', 'take out', 'takeaway', 'take away', 'to go', 'pick up', 'pickup', 'collect'],
  catering: ['catering', 'caterer'],
  music: ['live music', 'band', 'dj', 'karaoke', 'music'],
  tipping: ['tip', 'tipping', 'gratuity', 'service charge'],
  smoking: ['smoke', 'vape', 'cigarette'],
  jobs: ['job', 'hiring', 'career', 'vacancy'],
}

const stems = (text: string) => words(text).map(stem)
// Longest first: the words of a longer phrase are its concept alone ("gift card" is not also "card", payment).
type Phrase = { concept: string; stems: string[]; rank: number }
const PHRASES: Phrase[] = Object.entries(CONCEPTS)
  .flatMap(([concept, phrases]) => phrases.map((phrase) => ({ concept, stems: stems(phrase) })))
  .sort((a, b) => b.stems.length - a.stems.length)
  .map((phrase, rank) => ({ ...phrase, rank }))
const BY_FIRST = new Map<string, Phrase[]>()
for (const phrase of PHRASES) BY_FIRST.set(phrase.stems[0]!, [...(BY_FIRST.get(phrase.stems[0]!) ?? []), phrase])

export type ConceptMatch = { concepts: string[]; covered: Set<number> }

// A question's concepts are asked for several times per answer (its search text, its terms) and
// each FAQ's on every question: a pure function of the text, kept (a Map emptied when full).
// Callers only read what it answers.
const seenConcepts = new Map<string, ConceptMatch & { stems: string[] }>()

/** The concepts a text mentions, and which of its word positions (stemmed) they account for. */
export function conceptsIn(text: string): ConceptMatch & { stems: string[] } {
  let found = seenConcepts.get(text)
  if (!found) {
    if (seenConcepts.size >= 5_000) seenConcepts.clear()
    found = findConcepts(text)
    seenConcepts.set(text, found)
  }
  return found
}

function findConcepts(text: string): ConceptMatch & { stems: string[] } {
  const said = words(text)
  const textStems = said.map(stem)
  // A word of a longer phrase may be said as its WordNet synonym ("present card" is a gift card),
  // beside a word said as written: one word alone by synonym is too weak ("track" is not "dog").
  const knowledge = wordKnowledge()
  const alike = said.map((word, i) =>
    STOPWORDS.has(word) ? [textStems[i]!] : [textStems[i]!, ...knowledge.synonyms(word).map(stem)],
  )
  const phraseAt = (phrase: Phrase, i: number) =>
    i + phrase.stems.length <= said.length &&
    phrase.stems.every((s, k) => alike[i + k]!.includes(s)) &&
    phrase.stems.some((s, k) => textStems[i + k] === s)
  // Candidates by their first word (said or by synonym), then taken longest first, in list order.
  const found: { phrase: Phrase; at: number }[] = []
  alike.forEach((options, at) => {
    for (const option of options)
      for (const phrase of BY_FIRST.get(option) ?? []) if (phraseAt(phrase, at)) found.push({ phrase, at })
  })
  found.sort((a, b) => a.phrase.rank - b.phrase.rank || a.at - b.at)
  const concepts = new Set<string>()
  // Which concept each word position went to.
  const claimed = new Map<number, string>()
  for (const { phrase, at } of found) {
    const span = phrase.stems.map((_, k) => at + k)
    if (span.some((i) => claimed.has(i) && claimed.get(i) !== phrase.concept)) continue
    for (const i of span) claimed.set(i, phrase.concept)
    concepts.add(phrase.concept)
  }
  const covered = new Set(claimed.keys())
  return { concepts: [...concepts], covered, stems: textStems }
}

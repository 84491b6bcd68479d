import { stem, words } from '../../infra/embeddings/text-analysis.ts'

// What callers ask about a restaurant beyond its food, as concepts a host would recognise: "where
// do I leave my car" and "is there parking" are one question. Each concept lists words and short
// phrases (matched on stems); it names general topics, never one restaurant's answers.

const CONCEPTS: Record<string, string[]> = {
  parking: ['parking', 'park', 'car', 'cars', 'garage', 'valet', 'parking lot', 'drive', 'driving'],
  byob: ['byob', 'byo', 'corkage', 'bring my own', 'bring our own', 'bring your own', 'own wine', 'own bottle'],
  reservation: ['reservation', 'reservations', 'reserve', 'book', 'booking', 'bookings', 'book a table'],
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
  children: ['kid', 'kids', 'child', 'children', 'childrens', 'high chair', 'highchair', 'toddler', 'baby', 'stroller'],
  pets: ['dog', 'dogs', 'pet', 'pets', 'puppy', 'animal', 'animals', 'service animal'],
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
    'cards',
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
  gift: ['gift card', 'gift cards', 'gift certificate', 'voucher', 'vouchers'],
  outdoor: ['outdoor', 'outdoors', 'outside', 'patio', 'terrace', 'garden', 'sidewalk', 'al fresco'],
  address: ['address', 'located', 'location', 'directions', 'subway', 'station', 'cross street'],
  restroom: ['restroom', 'restrooms', 'bathroom', 'toilet', 'toilets', 'washroom'],
  takeout: ['takeout', 'take out', 'takeaway', 'take away', 'to go', 'pick up', 'pickup', 'collect'],
  catering: ['catering', 'cater', 'caterer'],
  music: ['live music', 'band', 'dj', 'karaoke', 'music'],
  tipping: ['tip', 'tips', 'tipping', 'gratuity', 'service charge'],
  smoking: ['smoke', 'smoking', 'vape', 'vaping', 'cigarette'],
  jobs: ['job', 'jobs', 'hiring', 'career', 'careers', 'vacancy', 'vacancies'],
}

const stems = (text: string) => words(text).map(stem)
const PHRASES = Object.entries(CONCEPTS).flatMap(([concept, phrases]) =>
  phrases.map((phrase) => ({ concept, stems: stems(phrase) })),
)

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
  const textStems = stems(text)
  const concepts = new Set<string>()
  const covered = new Set<number>()
  for (const phrase of PHRASES) {
    for (let i = 0; i + phrase.stems.length <= textStems.length; i++) {
      if (phrase.stems.every((s, k) => textStems[i + k] === s)) {
        concepts.add(phrase.concept)
        for (let k = 0; k < phrase.stems.length; k++) covered.add(i + k)
      }
    }
  }
  return { concepts: [...concepts], covered, stems: textStems }
}

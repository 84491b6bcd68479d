import { lexicon, type Term, termsOf } from '../../infra/embeddings/food-lexicon.ts'
import { GENERIC_WORDS, phonetic, STOPWORDS, stem, trigrams, words } from '../../infra/embeddings/text-analysis.ts'
import { createLru } from '../../shared/lru.ts'
import { memo } from '../../shared/memo.ts'

// Re-ranking of search candidates by how well a document covers what the caller asked for.
// Each term of the question is matched against the document directly (same stem, a synonym,
// or a kind of it: "beef" finds "steak"), by sound (speech-recognition slips), or only as a
// relative ("lobster" and a shellfish stew): relatives are suggestions, never a "yes".

export const MATCH = { direct: 1, sound: 0.85, name: 0.9 } as const
/** A document is relevant when it covers more than this share of the question. */
export const RELEVANCE_FLOOR = 0.5
/** …and comes close to the best document: "a spicy pizza" is the spicy pizza, not every pizza. */
export const RELATIVE_FLOOR = 0.75

/** Words that say the caller must avoid the next (or previous) word: "non dairy", "dairy free", "can't eat wheat". */
const NEGATION_BEFORE = new Set([
  'non',
  'no',
  'without',
  'instead',
  'substitute',
  'sub',
  'alternative',
  'replacement',
  'avoid',
  'allergic',
])
const NEGATION_AFTER = new Set(['free', 'intolerant', 'intolerance', 'allergy', 'allergies', 'allergic'])
const MARKERS = new Set([...NEGATION_BEFORE, ...NEGATION_AFTER, 'cant', 'cannot', 'eat', 'of'])

export type QueryTerm = Term & { negated: boolean; generic: boolean; known: boolean }

export type QueryProfile = {
  terms: QueryTerm[]
  /** Every word of the question, for matching a dish name by sound across word boundaries. */
  words: string[]
}

export type DocProfile = {
  nameKeys: Set<string>
  /** The name's own terms, without the concepts above them ("pad", "thai"; not "noodle"). */
  ownNameKeys: Set<string>
  /** Terms of the document and every concept above them. */
  expanded: Set<string>
  /** Terms the document says it is free of ("dairy-free", "instead of wheat noodles"). */
  negated: Set<string>
  soundWords: { word: string; key: string }[]
  nameSound: string
}

const isNegatedAt = (list: string[], i: number) =>
  NEGATION_BEFORE.has(list[i - 1] ?? '') ||
  (list[i - 1] === 'of' && NEGATION_BEFORE.has(list[i - 2] ?? '')) ||
  (['eat', 'have'].includes(list[i - 1] ?? '') && ['cant', 'cannot', 'dont'].includes(list[i - 2] ?? '')) ||
  NEGATION_AFTER.has(list[i + 1] ?? '')

/** The question's content terms (filler and negation markers removed), with what they negate. */
export function profileQuery(text: string, { ignore = [] as string[] } = {}): QueryProfile {
  const all = words(text)
  const kept = all.filter((word) => !ignore.includes(word))
  const negatedWords = new Set(kept.filter((_, i) => isNegatedAt(kept, i)).map(stem))
  const terms = termsOf(kept.join(' '))
    .filter((term) => term.phrase || (!STOPWORDS.has(term.text) && !MARKERS.has(term.text)))
    .map((term) => ({
      ...term,
      negated: term.key.split(' ').some((part) => negatedWords.has(part)),
      generic: GENERIC_WORDS.has(term.key),
      known: lexicon.knows(term.key),
    }))
  return { terms, words: all }
}

function buildDocProfile(name: string, text: string): DocProfile {
  const nameKeys = new Set<string>()
  const ownNameKeys = new Set<string>()
  for (const term of termsOf(name, { keepPhraseWords: true })) {
    nameKeys.add(term.key)
    ownNameKeys.add(term.key)
    for (const up of lexicon.ancestors(term.key)) nameKeys.add(up)
  }
  const expanded = new Set<string>()
  for (const term of termsOf(`${name} ${text}`, { keepPhraseWords: true })) {
    expanded.add(term.key)
    for (const up of lexicon.ancestors(term.key)) expanded.add(up)
  }
  const all = words(`${name} ${text}`)
  const negated = new Set(all.filter((_, i) => isNegatedAt(all, i)).map(stem))
  const soundWords = [...new Set(all)].filter((word) => word.length >= 4).map((word) => ({ word, key: phonetic(word) }))
  return { nameKeys, ownNameKeys, expanded, negated, soundWords, nameSound: phonetic(name) }
}

const profiles = createLru<string, DocProfile>(5_000)
/** Profiles are pure functions of the text, so they are cached across questions and restaurants. */
export function profileDocument(name: string, text: string): DocProfile {
  const cacheKey = `${name}\u0000${text}`
  let profile = profiles.get(cacheKey)
  if (!profile) {
    profile = buildDocProfile(name, text)
    profiles.set(cacheKey, profile)
  }
  return profile
}

const hasAny = (set: Set<string>, keys: string[]) => keys.some((key) => set.has(key))

// Ranking compares every question term with every word of every candidate, by sound and by
// trigrams. Both are pure functions of one word, so each word's are computed once, not per pair
// (per pair they were most of the CPU of answering a new question).
const soundOf = memo(phonetic)
const gramsOf = memo((word) => new Set(trigrams(word)))

/** trigramSimilarity (pg_trgm's similarity) on the memoised trigram sets. */
function similarity(a: string, b: string): number {
  const ga = gramsOf(a)
  const gb = gramsOf(b)
  let shared = 0
  for (const gram of ga) if (gb.has(gram)) shared++
  return shared / (ga.size + gb.size - shared)
}

/** The sound of every run of up to five consecutive words of the question ("cock oh van"). */
const spanSounds = new WeakMap<QueryProfile, Set<string>>()
function soundsOfSpans(query: QueryProfile): Set<string> {
  let sounds = spanSounds.get(query)
  if (!sounds) {
    sounds = new Set()
    for (let start = 0; start < query.words.length; start++) {
      for (let end = start + 1; end <= Math.min(query.words.length, start + 5); end++)
        sounds.add(soundOf(query.words.slice(start, end).join('')))
    }
    spanSounds.set(query, sounds)
  }
  return sounds
}

/** How strongly one question term matches a document: 1 direct, 0.85 by sound, a fraction for relatives, 0. */
export function matchTerm(term: QueryTerm, doc: DocProfile): { strength: number; inName: boolean; related: number } {
  const synonyms = lexicon.synonyms(term.key)
  if (term.negated) {
    // "dairy free": only a document that says it is free of dairy (or of something above it) qualifies.
    const free = hasAny(doc.negated, synonyms) || hasAny(doc.negated, lexicon.ancestors(term.key))
    return { strength: free ? MATCH.direct : 0, inName: free && hasAny(doc.nameKeys, synonyms), related: 0 }
  }
  if (hasAny(doc.expanded, synonyms))
    return { strength: MATCH.direct, inName: hasAny(doc.nameKeys, synonyms), related: 0 }
  if (!term.phrase && term.text.length >= 4) {
    const key = soundOf(term.text)
    // The phonetic key merges vowels, so it also needs some shared spelling: "tonkatsu" is
    // "tonkotsu", but "steak" is not "sticky" and "lemonade" is not "lemon".
    const sounds = doc.soundWords.some((w) => {
      const alike = similarity(term.text, w.word)
      return (key.length >= 3 && w.key === key && alike >= 0.25) || alike >= 0.6
    })
    if (sounds) return { strength: MATCH.sound, inName: false, related: 0 }
  }
  // Relatives rank by how close the shared concept is ("lobster": shellfish before seafood).
  const ancestors = lexicon.ancestors(term.key)
  const index = ancestors.findIndex((up) => doc.expanded.has(up))
  return { strength: 0, inName: false, related: index < 0 ? 0 : 1 / (1 + index) }
}

/** Whether the question names the dish by sound across words: "cock oh van" for "Coq au Vin". */
export function soundsLikeName(query: QueryProfile, doc: DocProfile): boolean {
  return doc.nameSound.length >= 4 && soundsOfSpans(query).has(doc.nameSound)
}

/** Whether term t comes right after a food word (known, or on this menu) in the question as said ("onion rings"). */
function followsFoodWord(query: QueryProfile, t: number, matched: boolean[]): boolean {
  const previous = query.terms[t - 1]
  const term = query.terms[t]!
  if (!previous || !(previous.known || matched[t - 1]) || previous.generic || term.phrase) return false
  const at = query.words.indexOf(term.text)
  return at > 0 && query.words[at - 1] === previous.text.split(' ').at(-1)
}

export type Coverage = { coverage: number; inName: number; related: number }

/**
 * Share of the question a document covers, each term weighted: generic words ("dish") little;
 * a word neither the lexicon nor any candidate knows ("finish", "plain") little too, since it is
 * more likely filler than food; a known food word fully, so that a menu without it says "no".
 */
export function coverage(query: QueryProfile, docs: DocProfile[]): Coverage[] {
  const matches = docs.map((doc) => query.terms.map((term) => matchTerm(term, doc)))
  // Only a direct match makes an unknown word content: "finish" merely sounding like "fish" does not.
  const matched = query.terms.map((_, t) => matches.some((m) => m[t]!.strength >= MATCH.direct))
  // A name's own word, not a concept above it: "something sweet" is no word of "Creme Brulee".
  const inSomeName = query.terms.map((term) =>
    docs.some((doc) => lexicon.synonyms(term.key).some((key) => doc.ownNameKeys.has(key))),
  )
  const weights = query.terms.map((term, t) => {
    if (term.generic) return 0.2
    if (term.known || term.negated || matched[t]) return 1
    // Beside a word of a dish name, an unknown word is part of a name we lack ("pad see ew" is not "Pad Thai");
    // said right after a food word, it names a dish made of it ("onion rings", "mozzarella sticks").
    if (inSomeName[t - 1] || inSomeName[t + 1]) return 1
    if (followsFoodWord(query, t, matched)) return 1
    return 0.3
  })
  const total = weights.reduce((sum, w) => sum + w, 0)
  return docs.map((doc, d) => {
    const m = matches[d]!
    const covered = total === 0 ? 0 : m.reduce((sum, match, t) => sum + weights[t]! * match.strength, 0) / total
    const inName = total === 0 ? 0 : m.reduce((sum, match, t) => sum + (match.inName ? weights[t]! : 0), 0) / total
    const related = Math.max(0, ...m.map((match) => match.related))
    return soundsLikeName(query, doc)
      ? { coverage: Math.max(covered, MATCH.name), inName: 1, related }
      : { coverage: covered, inName, related }
  })
}

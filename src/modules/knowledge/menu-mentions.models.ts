import { doubleMetaphone } from 'double-metaphone'
import { distance } from 'fastest-levenshtein'
import { lexicon } from '../../infra/embeddings/food-lexicon.ts'
import { GENERIC_WORDS, STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'
import { createLru } from '../../shared/lru.ts'
import { memo } from '../../shared/memo.ts'

// Which of this restaurant's names a caller said, however speech recognition wrote it: "keesh
// lorraine", "brew shetta", "pie ella", "spanner copita". Every run of up to five words of the
// question, joined, is compared with every run of words of every name, joined, by sounds-alike
// keys (double metaphone) and edit distance, so that word boundaries do not matter.

/** A run of a name's words: "Tom Kha Gai" has tomkhagai (the whole name), tomkha, khagai, tom, kha, gai. */
type NameForm = { text: string; stem: string; keys: string[]; full: boolean }
type NameVocabulary = { forms: NameForm[] }[]

export type Mention = {
  /** Index of the named thing in the list the vocabulary was built from. */
  index: number
  confidence: number
  /** The whole name was said, not only some of its words. */
  full: boolean
  /** The question's words [start, end) that said it. */
  start: number
  end: number
}

const MAX_SPAN = 5

const keysOf = (text: string) => doubleMetaphone(text).filter((key, i, all) => key && all.indexOf(key) === i)

function formsOf(name: string): NameForm[] {
  const parts = words(name)
  const forms: NameForm[] = []
  for (let start = 0; start < parts.length; start++) {
    for (let end = start + 1; end <= parts.length; end++) {
      const text = parts.slice(start, end).join('')
      forms.push({ text, stem: stem(text), keys: keysOf(text), full: start === 0 && end === parts.length })
    }
  }
  return forms
}

// Each name's forms are built once and reused: the names come in the order of each question's
// search, so a cache of whole vocabularies (by the list) missed on almost every question and
// rebuilt every name's sounds-alike keys.
const formsOfName = memo(formsOf)
const vocabularyFor = (names: string[]): NameVocabulary => names.map((name) => ({ forms: formsOfName(name) }))

/**
 * How surely `heard` is `form`: 1 the same word(s), 0.9 the same sounds-alike key with letters
 * close enough for the key's length (short keys collide, so they need closer spelling), 0.85 a
 * near key or a near spelling of a long name; else 0.
 */
export function soundsLikeForm(
  heard: string,
  form: { text: string; keys: string[]; stem?: string },
  heardKeys = keysOf(heard),
  heardStem = stem(heard),
) {
  if (heard === form.text || heardStem === (form.stem ?? stem(form.text))) return 1
  if (heard.length < 4 || form.text.length < 4) return 0
  // Edit distance is at least the difference in length: skip what could not pass any floor below.
  const longest = Math.max(heard.length, form.text.length)
  const bound = Math.min(heard.length, form.text.length) / longest
  const shared = heardKeys.filter((key) => form.keys.includes(key))
  if (bound < (shared.length > 0 ? 0.4 : 0.6)) return 0
  const spelling = 1 - distance(heard, form.text) / longest
  if (shared.length > 0) {
    const keyLength = Math.max(...shared.map((key) => key.length))
    const floor = keyLength >= 4 ? 0.4 : keyLength === 3 ? 0.55 : 0.7
    if (spelling >= floor) return 0.9
  }
  const nearKey = heardKeys.some((a) => form.keys.some((b) => a.length >= 6 && b.length >= 6 && distance(a, b) <= 1))
  if (nearKey && spelling >= 0.6) return 0.85
  if (form.text.length >= 7 && spelling >= 0.75) return 0.85
  return 0
}

const isFiller = (word: string) => STOPWORDS.has(word) || GENERIC_WORDS.has(stem(word))

// One answer asks for the same question's mentions up to three times (evidence, several dishes,
// the dish named): the last few are kept. Callers read them, never change them.
const recentMentions = createLru<string, Mention[]>(16)

/** Every name the question says, best first: whole names, then surer, then longer spans. */
export function findMentions(query: string, names: string[]): Mention[] {
  const cacheKey = `${query}\u0001${names.join('\u0000')}`
  let mentions = recentMentions.get(cacheKey)
  if (!mentions) {
    mentions = mentionsIn(query, names)
    recentMentions.set(cacheKey, mentions)
  }
  return [...mentions]
}

function mentionsIn(query: string, names: string[]): Mention[] {
  const heard = words(query)
  const vocabulary = vocabularyFor(names)
  const found: Mention[] = []
  for (let start = 0; start < heard.length; start++) {
    for (let end = start + 1; end <= Math.min(heard.length, start + MAX_SPAN); end++) {
      // A span starts and ends on a word that could be part of a name ("the pad thai" is "pad thai"),
      // unless it sounds like a whole name: "pad see you" is Pad See Ew.
      const edgesAreFiller = isFiller(heard[start]!) || isFiller(heard[end - 1]!)
      if (edgesAreFiller && heard.slice(start, end).every(isFiller)) continue
      const text = heard.slice(start, end).join('')
      const heardKeys = keysOf(text)
      const heardStem = stem(text)
      vocabulary.forEach(({ forms }, index) => {
        let best: { confidence: number; full: boolean } | null = null
        for (const form of forms) {
          if (edgesAreFiller && !form.full) continue
          const confidence = soundsLikeForm(text, form, heardKeys, heardStem)
          if (confidence === 0) continue
          if (!best || (form.full && !best.full) || (form.full === best.full && confidence > best.confidence))
            best = { confidence, full: form.full }
        }
        if (best) found.push({ index, ...best, start, end })
      })
    }
  }
  return found.sort(
    (a, b) =>
      Number(b.full) - Number(a.full) ||
      b.confidence - a.confidence ||
      b.end - b.start - (a.end - a.start) ||
      a.index - b.index,
  )
}

export type Resolved = { indexes: number[]; full: boolean; start: number; end: number }

/**
 * The dish the question is about: a whole name said (by sound), or a part of a name that only
 * one dish has ("the souvlaki", "the curry" where there is one curry). Parts that several dishes
 * share ("pad", "ramen") resolve to nothing: the question is then a search, not about one dish.
 */
export function resolveMention(query: string, names: string[], categories: string[] = []): Resolved | null {
  const mentions = findMentions(query, names)
  const best = mentions[0]
  if (!best) return null
  const sameSpan = mentions.filter((m) => m.start === best.start && m.end === best.end && m.full === best.full)
  const indexes = [...new Set(sameSpan.map((m) => m.index))]
  if (best.full) return { indexes, full: true, start: best.start, end: best.end }
  // A part of a name refers to one dish when it is not a category ("which cakes") and is either
  // said as "the …" or is no general concept with kinds of its own ("bulgogi" is one dish; "pork" is many).
  const heard = words(query)
  const definite = ['the', 'your', 'that', 'this'].includes(heard[best.start - 1] ?? '')
  const said = heard.slice(best.start, best.end).map(stem).join(' ')
  const isCategory = categories.some((category) => words(category).map(stem).join(' ') === said)
  const specific = definite || lexicon.kinds(said).length === 0
  if (indexes.length === 1 && best.confidence >= 0.9 && specific && !isCategory)
    return { indexes, full: false, start: best.start, end: best.end }
  return null
}

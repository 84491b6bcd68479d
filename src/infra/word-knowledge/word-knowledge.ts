import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
// @ts-expect-error: a plain JavaScript build script, shared with `npm install` (prepare).
import { buildWordKnowledge, wordKnowledgeIsBuilt } from '../../../scripts/build-word-knowledge.mjs'

// What English words mean, from maintained data rather than hand lists: GloVe word vectors
// (similar words: "fizzy" ↔ sparkling, "chilled" ↔ iced), WordNet's kinds of foods (shrimp →
// seafood, butter → dairy product), its synonyms (booking ↔ reservation) and its adjective
// clusters (icy → cold). scripts/build-word-knowledge.mjs makes a compact subset at
// install; it is read once per process (a few MB, tens of milliseconds).

export type WordKnowledge = {
  /** Cosine similarity of two words' vectors, 0 when either is unknown. */
  similarity(a: string, b: string): number
  /** The unit-length mean vector of the known words of a phrase, or null when none is known. */
  phraseVector(words: string[]): Float32Array | null
  /** Whether the word (or its singular) has a vector. */
  knows(word: string): boolean
  /** WordNet's kinds above a food word, nearest first ("lobster" → shellfish, seafood). */
  kinds(word: string): string[]
  /** WordNet synonyms from a word's frequent senses that the vectors also put near ("booking" → reservation). */
  synonyms(word: string): string[]
  /** Every word whose most frequent sense is a food, with that sense's kinds ("salmon" → fish, seafood). */
  mainFoodKinds(): [string, string[]][]
  /** The heads of WordNet's adjective clusters the word belongs to ("icy" → cold, "sweltering" → hot). */
  adjectiveHeads(word: string): string[]
  readonly dimensions: number
  readonly size: number
}

type Loaded = {
  /** The words, sorted, back to back (latin1), and where each starts. */
  blob: Buffer
  offsets: Uint32Array
  bytes: Int8Array
  kinds: Record<string, string[]>
  synonyms: string[]
  adjectiveHeads: string[]
  mainKinds: string[]
  dimensions: number
}

function findRoot(): string {
  let dir = import.meta.dirname
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir)
    if (up === dir) throw new Error('word knowledge: no package.json above the code')
    dir = up
  }
  return dir
}

function load(): Loaded {
  const dir = path.join(findRoot(), '.cache', 'word-knowledge')
  // Built at install; a checkout that skipped install scripts builds it now from the installed packages.
  if (!wordKnowledgeIsBuilt(dir)) buildWordKnowledge(dir)
  const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { dimensions: number }
  const blob = readFileSync(path.join(dir, 'glove-words.bin'))
  const rawOffsets = readFileSync(path.join(dir, 'glove-offsets.bin'))
  const offsets = new Uint32Array(rawOffsets.buffer, rawOffsets.byteOffset, rawOffsets.byteLength / 4)
  const raw = readFileSync(path.join(dir, 'glove-int8.bin'))
  const bytes = new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength)
  const kinds = JSON.parse(readFileSync(path.join(dir, 'food-kinds.json'), 'utf8')) as Record<string, string[]>
  const lines = (file: string) => readFileSync(path.join(dir, file), 'latin1').split('\n')
  const [synonyms, adjectiveHeads] = [lines('synonyms.tsv'), lines('adjective-heads.tsv')]
  const mainKinds = lines('main-food-kinds.tsv')
  return { blob, offsets, bytes, kinds, synonyms, adjectiveHeads, mainKinds, dimensions: meta.dimensions }
}

/** The row of a word, by binary search over the sorted words, comparing bytes in place (no strings made). */
function findRow(blob: Buffer, offsets: Uint32Array, word: string): number | undefined {
  let low = 0
  let high = offsets.length - 2
  while (low <= high) {
    const mid = (low + high) >>> 1
    const start = offsets[mid]!
    const length = offsets[mid + 1]! - start
    let order = 0
    for (let i = 0; i < Math.min(length, word.length) && order === 0; i++) order = blob[start + i]! - word.charCodeAt(i)
    if (order === 0) order = length - word.length
    if (order === 0) return mid
    if (order < 0) low = mid + 1
    else high = mid - 1
  }
  return undefined
}

/** "chickpeas" → chickpeas, chickpea; "cherries" → cherry: the forms a dictionary may list. */
function forms(word: string): string[] {
  const found = [word]
  if (word.endsWith('ies') && word.length > 4) found.push(`${word.slice(0, -3)}y`)
  if (word.endsWith('es') && word.length > 4) found.push(word.slice(0, -2))
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) found.push(word.slice(0, -1))
  return found
}

/** The values of a word in "word<TAB>value,value" lines sorted by word (binary search), or null. */
function lookUp(lines: string[], word: string): string[] | null {
  let low = 0
  let high = lines.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const line = lines[mid]!
    const key = line.slice(0, line.indexOf('\t'))
    if (key === word) return line.slice(key.length + 1).split(',')
    if (key < word) low = mid + 1
    else high = mid - 1
  }
  return null
}

/** The entry of the word, or of its first form the table lists ("vouchers" → voucher). */
function firstListed(lookup: (form: string) => string[] | null | undefined, word: string): string[] {
  for (const form of forms(word)) {
    const found = lookup(form)
    if (found) return found
  }
  return []
}

function create(data: Loaded): WordKnowledge {
  const { blob, offsets, bytes, kinds, synonyms, adjectiveHeads, mainKinds, dimensions } = data
  // Questions repeat their words: each word's row is looked up once (-1: not in the vocabulary).
  const rows = new Map<string, number>()
  const rowOf = (word: string) => {
    let row = rows.get(word)
    if (row === undefined) {
      row = -1
      for (const form of forms(word)) {
        const found = findRow(blob, offsets, form)
        if (found !== undefined) {
          row = found
          break
        }
      }
      if (rows.size >= 50_000) rows.clear()
      rows.set(word, row)
    }
    return row < 0 ? undefined : row
  }
  const SCALE = 1 / (127 * 127)
  return {
    dimensions,
    size: offsets.length - 1,
    similarity(a, b) {
      if (a === b) return 1
      const ra = rowOf(a)
      const rb = rowOf(b)
      if (ra === undefined || rb === undefined) return 0
      let dot = 0
      const oa = ra * dimensions
      const ob = rb * dimensions
      for (let i = 0; i < dimensions; i++) dot += bytes[oa + i]! * bytes[ob + i]!
      return dot * SCALE
    },
    phraseVector(words) {
      const sum = new Float32Array(dimensions)
      let known = 0
      for (const word of words) {
        const row = rowOf(word)
        if (row === undefined) continue
        known++
        for (let i = 0; i < dimensions; i++) sum[i]! += bytes[row * dimensions + i]!
      }
      if (known === 0) return null
      let norm = 0
      for (const value of sum) norm += value * value
      norm = Math.sqrt(norm) || 1
      for (let i = 0; i < dimensions; i++) sum[i]! /= norm
      return sum
    },
    knows: (word) => rowOf(word) !== undefined,
    kinds: (word) => firstListed((form) => (Object.hasOwn(kinds, form) ? kinds[form] : null), word),
    synonyms: (word) => firstListed((form) => lookUp(synonyms, form), word),
    adjectiveHeads: (word) => lookUp(adjectiveHeads, word) ?? [],
    mainFoodKinds: () =>
      mainKinds.map((line) => {
        const tab = line.indexOf('\t')
        return [line.slice(0, tab), line.slice(tab + 1).split(',')]
      }),
  }
}

let shared: WordKnowledge | undefined
/** The process's word knowledge, loaded on first use. */
export function wordKnowledge(): WordKnowledge {
  shared ??= create(load())
  return shared
}

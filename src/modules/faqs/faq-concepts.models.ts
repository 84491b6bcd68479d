import { STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'
import { wordKnowledge } from '../../infra/word-knowledge/word-knowledge.ts'
import { memo } from '../../shared/memo.ts'
import { FAQ_CONCEPTS } from './faq-lexicon.ts'

// Finds the concepts of faq-lexicon.ts in a caller's question or an FAQ: phrases on stems, longest
// first, a word of a longer phrase also said through its WordNet synonym.

const stems = (text: string) => words(text).map(stem)
// Longest first: the words of a longer phrase are its concept alone ("gift card" is not also "card", payment).
type Phrase = { concept: string; stems: string[]; rank: number }
const PHRASES: Phrase[] = Object.entries(FAQ_CONCEPTS)
  .flatMap(([concept, phrases]) => phrases.map((phrase) => ({ concept, stems: stems(phrase) })))
  .sort((a, b) => b.stems.length - a.stems.length)
  .map((phrase, rank) => ({ ...phrase, rank }))
const BY_FIRST = new Map<string, Phrase[]>()
for (const phrase of PHRASES) BY_FIRST.set(phrase.stems[0]!, [...(BY_FIRST.get(phrase.stems[0]!) ?? []), phrase])

export type ConceptMatch = { concepts: string[]; covered: Set<number> }

/**
 * The concepts a text mentions, and which of its word positions (stemmed) they account for. Asked
 * several times per answer (its search text, its terms) and for each FAQ on every question: kept per text.
 */
export const conceptsIn = memo((text): ConceptMatch & { stems: string[] } => findConcepts(text), 5_000)

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

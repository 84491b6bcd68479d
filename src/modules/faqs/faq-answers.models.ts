import { LOCAL_EMBEDDING_MODEL } from '../../infra/embeddings/local-embeddings.ts'
import { STOPWORDS, stem, trigramSimilarity, words } from '../../infra/embeddings/text-analysis.ts'
import { wordKnowledge } from '../../infra/word-knowledge/word-knowledge.ts'
import { createLru } from '../../shared/lru.ts'
import type { SearchRow } from '../knowledge/knowledge.repository.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import { conceptsIn } from './faq-concepts.models.ts'
import type { FaqMetadata } from './faq-documents.models.ts'
import { openWords, questionStart, refersBack } from './question-focus.models.ts'

// Which of a restaurant's FAQs answers a caller's question, if any. The search ranks candidates;
// this decides, with a floor: an FAQ is read out only when it covers what the question is about,
// because a wrong answer read with confidence is worse than "I don't know".

export const DONT_KNOW = "Sorry, I don't know the answer to that; the restaurant hasn't told me."
// Words that carry the question's form, not its topic ("is there … nearby", "what's your policy").
const FAQ_GENERIC = new Set(
  `restaurant place there allow allowed policy fine possible menu option available nearby near close free fee
  charge time info information welcome accept need able ask question way where when why who day evening night
  open close closed hour people person guest group party one two three four five six seven eight nine ten
  twelve twenty thirty forty fifty hundred`
    .split(/\s+/)
    .filter(Boolean)
    .map(stem),
)
const GENERIC_WEIGHT = 0.3
// A concept is what the question is about ("wheelchair" in "can my mother get in with a wheelchair");
// the rest of its words are mostly circumstance, so a concept weighs as much as two of them.
const CONCEPT_WEIGHT = 2
/** Share of the question's weighted terms an FAQ must cover. */
export const COVERAGE_FLOOR = 0.5
/** With a semantic (non-lexical) embedding model, this similarity alone also makes an FAQ relevant. */
export const SEMANTIC_FLOOR = 0.6

/**
 * A term the question is about (`focus`), or one of the circumstances the caller gave before
 * asking ("my dad uses a wheelchair, …"): those only add to the score of an FAQ that mentions them.
 */
type Term = {
  key: string
  /** The word as said, for word knowledge (its vector, its WordNet synonyms' stems). */
  word: string
  synonyms: string[]
  weight: number
  concept: boolean
  focus: boolean
}

/**
 * The question's topics: its concepts, then its other content words, generic ones weighed little.
 * Words said before the question proper are context, not focus, unless the question is about
 * them: it speaks of the person the context introduced ("my dad uses a wheelchair, can he get in
 * easily?"), or says nothing of its own ("I use a wheelchair, can I get in?"). Then the context's
 * concepts are what is asked, and the question's own words only say what about them.
 */
export function questionTerms(query: string): Term[] {
  const raw = words(query)
  const start = questionStart(raw)
  const asked = conceptsIn(raw.slice(start).join(' ')).concepts
  const { concepts, covered, stems } = conceptsIn(query)
  const plain: { key: string; index: number }[] = []
  stems.forEach((s, i) => {
    if (covered.has(i) || STOPWORDS.has(raw[i]!) || /^\d+$/.test(s) || s.length < 2) return
    if (!concepts.includes(s) && !plain.some((p) => p.key === s)) plain.push({ key: s, index: i })
  })
  const saysNothing = asked.length === 0 && plain.every((p) => p.index < start)
  const aboutContext = start > 0 && (refersBack(raw, start) || saysNothing)
  const terms: Term[] = concepts.map((concept) => ({
    key: concept,
    word: concept,
    synonyms: [],
    weight: CONCEPT_WEIGHT,
    concept: true,
    focus: aboutContext || asked.includes(concept) || start === 0,
  }))
  for (const { key, index } of plain) {
    const generic = FAQ_GENERIC.has(key) || (aboutContext && index >= start)
    const word = raw[index]!
    const synonyms = wordKnowledge().synonyms(word).map(stem)
    terms.push({ key, word, synonyms, weight: generic ? GENERIC_WEIGHT : 1, concept: false, focus: index >= start })
  }
  return terms
}

function matches(term: Term, docStems: Set<string>, docConcepts: Set<string>): boolean {
  if (term.concept) return docConcepts.has(term.key)
  if (docStems.has(term.key)) return true
  // WordNet's synonym from a frequent sense, which the word vectors also put near ("booking" ↔ reservation).
  if (term.synonyms.some((synonym) => docStems.has(synonym))) return true
  // Speech-recognition slips ("corkidge"): close spellings of longer words.
  return term.key.length >= 5 && [...docStems].some((s) => s.length >= 5 && trigramSimilarity(term.key, s) >= 0.6)
}

/** Word-vector similarity at which a question word stands for a word of an FAQ ("bottle" ↔ wine). */
const MEANS_NEARLY = 0.6
/** A word matched by meaning alone counts for less than one the FAQ says. */
const MEANING_WEIGHT = 0.75

/** Whether the term means nearly what a word of the FAQ says (word vectors), for a word that carries the question. */
function nearInMeaning(term: Term, faqWords: string[]): boolean {
  if (term.concept || term.weight < 1) return false
  const knowledge = wordKnowledge()
  return faqWords.some((word) => knowledge.similarity(term.word, word) >= MEANS_NEARLY)
}

type FaqProfile = {
  faqWords: string[]
  docStems: Set<string>
  questionStems: Set<string>
  questionConcepts: Set<string>
}
const profiles = createLru<string, FaqProfile>(5_000)
/** An FAQ's words, stems and concepts: the same for every question asked of it, so computed once. */
function faqProfile(faq: FaqMetadata): FaqProfile {
  const cacheKey = `${faq.question}\u0000${faq.answer}`
  let profile = profiles.get(cacheKey)
  if (!profile) {
    const faqWords = words(`${faq.question} ${faq.answer}`)
    profile = {
      faqWords,
      docStems: new Set(faqWords.map(stem)),
      questionStems: new Set(words(faq.question).map(stem)),
      questionConcepts: new Set(conceptsIn(faq.question).concepts),
    }
    profiles.set(cacheKey, profile)
  }
  return profile
}

export type RankedFaq = { row: SearchRow; score: number; coverage: number; relevant: boolean }

export function rankFaqs({ query, rows, model }: { query: string; rows: SearchRow[]; model: string }): RankedFaq[] {
  const all = questionTerms(query)
  // Relevance is decided on what is asked; the context only orders FAQs that answer it.
  const terms = all.filter((t) => t.focus)
  const context = all.filter((t) => !t.focus)
  const total = terms.reduce((sum, t) => sum + t.weight, 0)
  const semantic = model !== LOCAL_EMBEDDING_MODEL
  const asked = new Set(openWords(words(query)).map(stem))
  const ranked = rows.map((row) => {
    const faq = row.metadata as FaqMetadata
    const { faqWords, docStems, questionStems, questionConcepts } = faqProfile(faq)
    const docConcepts = new Set(faq.concepts ?? [])
    const hit = terms.filter((t) => matches(t, docStems, docConcepts))
    const inQuestion = hit.filter((t) => matches(t, questionStems, questionConcepts))
    const weight = (list: Term[]) => list.reduce((sum, t) => sum + t.weight, 0)
    const coverage = total > 0 ? weight(hit) / total : 0
    const strong = hit.some((t) => t.weight >= 1)
    const aside = context.filter((t) => matches(t, docStems, docConcepts))
    // Every concept the caller named must be in the FAQ: "can I smoke on the patio" is not
    // answered by the patio's season, nor by "dogs are welcome on the patio", though each covers
    // half the question. What no FAQ answers goes to the owner as an unanswered question.
    const missesConcept = terms.some((t) => t.concept && !hit.includes(t))
    // Meaning alone is a weak signal (word vectors put "beer" beside "wine"), so an FAQ is found
    // by it only with a second one: every other word of the question in the FAQ, and a word the
    // caller said in the FAQ's own question ("can we bring a bottle" ↔ "Can I bring my own wine?").
    const content = faqWords.filter((word) => !STOPWORDS.has(word))
    const byMeaning = terms.filter((t) => !hit.includes(t) && nearInMeaning(t, content))
    const sharedWords = [...questionStems].filter((word) => asked.has(word)).length
    const sharesWord = sharedWords > 0
    const meant =
      byMeaning.length > 0 &&
      sharesWord &&
      !missesConcept &&
      terms.every((t) => hit.includes(t) || byMeaning.includes(t))
    const score =
      coverage +
      (meant ? (MEANING_WEIGHT * weight(byMeaning)) / Math.max(1, total) : 0) +
      0.25 * (total > 0 ? weight(inQuestion) / total : 0) +
      // Between FAQs on one concept, the one whose question has the caller's own words ("high chairs").
      (0.1 * sharedWords) / Math.max(1, asked.size) +
      (0.1 * weight(aside)) / Math.max(1, weight(context)) +
      0.3 * row.vectorScore
    const relevant =
      (strong && coverage >= COVERAGE_FLOOR && !missesConcept) || (semantic && row.vectorScore >= SEMANTIC_FLOOR)
    return { row, score, coverage, relevant, meant }
  })
  // …and a third: no other FAQ is found that way, since then the meaning does not pick one.
  const found = ranked.filter((r) => r.relevant || r.meant)
  const unique = found.length === 1
  return ranked
    .map(({ row, score, coverage, relevant, meant }) => ({
      row,
      score,
      coverage,
      relevant: relevant || (meant && unique),
    }))
    .sort((a, b) => b.score - a.score)
}

/** The best relevant FAQ's answer, or "I don't know" (recorded as unanswered). */
export function answerFromFaqs({
  query,
  rows,
  model,
}: {
  query: string
  rows: SearchRow[]
  model: string
}): ToolAnswer {
  const best = rankFaqs({ query, rows, model }).find((ranked) => ranked.relevant)
  if (!best) return { result: DONT_KNOW, metadata: { category: 'faqs', match: 'none' }, unanswered: true }
  const faq = best.row.metadata as FaqMetadata
  return {
    result: faq.answer,
    metadata: {
      category: 'faqs',
      match: 'found',
      coverage: best.coverage,
      faq: { id: best.row.sourceId, question: faq.question },
    },
  }
}

/** The text searched for: the question plus its concepts' names, which FAQ documents carry too. */
export function searchTextFor(query: string): string {
  const { concepts } = conceptsIn(query)
  return concepts.length > 0 ? `${query} ${concepts.join(' ')}` : query
}

// Callers often say who is coming or why before they ask: "my dad uses a wheelchair, can he get in
// easily?". The question proper starts at its inverted auxiliary and subject ("can he", "is there",
// "do you"), after a first clause that does not itself start as a question. English has a closed
// set of auxiliaries, subject pronouns and wh-words: this is grammar, not a list of topics.

const AUXILIARIES = new Set(
  'am is are was were do does did have has had can could will would shall should may might must'.split(' '),
)
const SUBJECTS = new Set('i you he she we they it there this that'.split(' '))
const WH_WORDS = new Set('how what when where which who why whats hows wheres whens'.split(' '))
/** Someone the caller spoke of before asking: "my dad …, can he …". */
const THIRD_PERSON = new Set('he she they him her them his their hes shes theyre'.split(' '))

/**
 * The position (in `words`) where the question itself starts; 0 when the whole text is the
 * question. "which wine do you recommend" stays whole: a clause that opens with a wh-word or an
 * auxiliary is already the question, whatever follows.
 */
export function questionStart(words: string[]): number {
  const first = words[0]
  if (first === undefined || AUXILIARIES.has(first) || WH_WORDS.has(first)) return 0
  for (let i = 1; i + 1 < words.length; i++) {
    if (!AUXILIARIES.has(words[i]!) || !SUBJECTS.has(words[i + 1]!)) continue
    // "… how do we get in", "… what time do you close", "… what payment methods do you accept":
    // the wh-word up to three words back opens the question.
    for (let back = 1; back <= 3 && i - back > 0; back++) if (WH_WORDS.has(words[i - back]!)) return i - back
    return i
  }
  return 0
}

/** Whether the question (from `start`) speaks of someone the context introduced ("can he get in"). */
export function refersBack(words: string[], start: number): boolean {
  return start > 0 && words.slice(start).some((word) => THIRD_PERSON.has(word))
}

/** Grammar's other closed classes: articles, object and possessive pronouns, prepositions, conjunctions. */
const FUNCTION_WORDS = new Set(
  `a an the me us him her them my our your his its their mine ours yours to of in on at by for with from into
  about and or but so if not no any some`.split(/\s+/),
)

/** The words of a question that are not grammar ("can we bring a bottle with us" → bring, bottle). */
export function openWords(words: string[]): string[] {
  return words.filter(
    (word) => !AUXILIARIES.has(word) && !SUBJECTS.has(word) && !WH_WORDS.has(word) && !FUNCTION_WORDS.has(word),
  )
}

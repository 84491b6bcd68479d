import { wordsToNumbers } from 'words-to-numbers'
import { SPOKEN_DIGITS as DIGITS } from '../../shared/spoken-digits.ts'
import { normalizePostalCode, type Zone } from './zones.models.ts'

// A postcode as people say it, in any grouping: "112 15", "one one six two oh", "ten ninety one",
// "n 16 7 u j", "en one six, seven you jay". Rather than guess each country's pattern, the spoken
// pieces are joined in every run and compared with the codes the restaurant's zones list: the
// zones are the evidence. A house number ("22 Mare Street, E8") is then simply a piece that
// matches nothing.

/** Letters as they are spoken ("em four em" → M 4 M). Only names no question uses as a word. */
const LETTER_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ay: 'A',
    bee: 'B',
    cee: 'C',
    dee: 'D',
    ee: 'E',
    ef: 'F',
    eff: 'F',
    gee: 'G',
    aitch: 'H',
    jay: 'J',
    kay: 'K',
    el: 'L',
    ell: 'L',
    em: 'M',
    en: 'N',
    pee: 'P',
    cue: 'Q',
    queue: 'Q',
    ar: 'R',
    ess: 'S',
    tee: 'T',
    you: 'U',
    vee: 'V',
    ex: 'X',
    wye: 'Y',
    zed: 'Z',
    zee: 'Z',
  }),
)
const NUMBER_WORD = new RegExp(
  `^(${'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.replace(/ /g, '|')}|` +
    `${'twenty thirty forty fifty sixty seventy eighty ninety hundred'.replace(/ /g, '|')})$`,
)

/** The spoken pieces: digits and letters as written, spoken digits, number words ("ninety one" → 91), letter names. */
export function spokenPieces(query: string): string[] {
  const tokens = query
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  const pieces: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (NUMBER_WORD.test(token)) {
      // "ninety one" is 91, "ten" 10: a tens word takes the unit after it.
      const unit = DIGITS.get(tokens[i + 1] ?? '')
      const tens = /ty$/.test(token) && unit && unit !== '0'
      pieces.push(String(wordsToNumbers(tens ? `${token} ${tokens[++i]}` : token)))
    } else if (DIGITS.has(token) && (token !== 'o' || pieces.length > 0)) pieces.push(DIGITS.get(token)!)
    else if (LETTER_NAMES.has(token)) pieces.push(LETTER_NAMES.get(token)!)
    else if (/\d/.test(token) || token.length === 1) pieces.push(token.toUpperCase())
    else pieces.push(`#${token}`) // a word: it ends a run
  }
  return pieces
}

/**
 * The zone whose code the caller said, joined from consecutive pieces in any grouping; the
 * longest code wins ("N16" over "N1"), and a code followed by the rest of a full postcode counts
 * ("E8 3PB" is in E8, "1072 AB" in 1072).
 */
export function zoneForSpokenCode(zones: Zone[], query: string): { zone: Zone; spoken: string } | null {
  const codes = zones.flatMap((zone) =>
    zone.postalCodes.map((listed) => ({ zone, listed, code: normalizePostalCode(listed) })),
  )
  const pieces = spokenPieces(query)
  let best: { zone: Zone; spoken: string; length: number } | null = null
  for (let start = 0; start < pieces.length; start++) {
    let joined = ''
    for (let end = start; end < pieces.length && !pieces[end]!.startsWith('#'); end++) {
      joined += pieces[end]
      for (const { zone, listed, code } of codes) {
        if (joined !== code || (best && best.length >= code.length)) continue
        // Read back as the restaurant writes it ("113 51"), not in the caller's grouping ("1 1 3 5 1").
        best = { zone, spoken: listed, length: code.length }
      }
    }
  }
  return best ? { zone: best.zone, spoken: best.spoken } : null
}

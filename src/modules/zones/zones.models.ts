import { wordsToNumbers } from 'words-to-numbers'
import { normalizeText, soundsLike, tokenize } from '../../shared/text-match.ts'

// Which delivery zone a caller means: a postcode picks its zone exactly; otherwise zone names are
// matched word by word, allowing speech slips, with generic words ("district", "park") counting
// little so that "the mission" finds "Mission District" but "park" alone finds nothing.

export type Zone = {
  name: string
  description: string | null
  deliveryFee: number
  minOrder: number | null
  postalCodes: string[]
}

export const normalizePostalCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '')

const GENERIC = new Set([
  'district',
  'area',
  'zone',
  'side',
  'village',
  'park',
  'square',
  'heights',
  'hill',
  'hills',
  'east',
  'west',
  'north',
  'south',
  'upper',
  'lower',
  'central',
  'center',
  'centre',
  'downtown',
  'uptown',
  'midtown',
  'city',
  'town',
  'the',
  'of',
  'and',
  'st',
  'saint',
])

const CANADIAN = /^[A-Z]\d[A-Z]\d[A-Z]\d$/
const UK_FULL = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/

// Clock times and ordinals look like codes but are not ("before 7pm", "2nd street").
const NOT_CODES = /^(\d{1,2}(AM|PM|H)|\d+(ST|ND|RD|TH|K|MIN|MINS))$/

const DIGIT_WORDS = /\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/gi

/** Digit words said one by one become digits; other number words ("for two people") stay words. */
function onlyDigitWords(query: string): string {
  const digit = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)'
  const runs = new RegExp(String.raw`\b(?:${digit}[\s-]+){2,}${digit}\b`, 'gi')
  return query.replace(runs, (run) =>
    run.replace(DIGIT_WORDS, (word) => (/^oh$/i.test(word) ? '0' : String(wordsToNumbers(word)))),
  )
}

/** Postcode-like tokens: US ZIP (+4), UK and Canadian postcodes, other digit/letter codes; spoken digits joined. */
export function postalCodesIn(query: string): { spoken: string; candidates: string[] }[] {
  // Spoken digits become digits ("nine four one one oh" → 94110), then single digits are joined.
  const digits = onlyDigitWords(query)
  const upper = digits.toUpperCase().replace(/\b(\d)\s(?=\d\b)/g, '$1')
  const patterns = [
    /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g, // UK
    /\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/g, // Canada
    /\b\d{5}(?:-\d{4})?\b/g, // US ZIP
    /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,8}\b|\b\d{4,6}\b/g, // others: mixed codes, 4–6 digits
  ]
  const found: { spoken: string; candidates: string[] }[] = []
  let rest = upper
  for (const pattern of patterns) {
    for (const match of rest.matchAll(pattern)) {
      const heard = match[0].trim()
      if (NOT_CODES.test(heard)) continue
      const code = normalizePostalCode(heard)
      const [first = heard] = heard.split(/[\s-]/)
      // A full postcode said without its space still belongs to the district a zone lists:
      // "N168JH" to N16 (UK outward code), "M4M2X9" to M4M (Canadian forward sortation area).
      const district = CANADIAN.test(code) ? code.slice(0, 3) : UK_FULL.test(code) ? code.slice(0, -3) : first
      const spoken = CANADIAN.test(code) || UK_FULL.test(code) ? `${district} ${code.slice(district.length)}` : heard
      found.push({
        spoken,
        candidates: [...new Set([code, first, first.replace(/[A-Z]$/, ''), district])],
      })
    }
    rest = rest.replace(pattern, ' ')
  }
  return found
}

export function zoneForPostalCode(zones: Zone[], candidates: string[]): Zone | undefined {
  return zones.find((zone) => zone.postalCodes.some((code) => candidates.includes(normalizePostalCode(code))))
}

const weight = (word: string) => (GENERIC.has(word) ? 0.3 : 1)

function heardWords(query: string): string[] {
  const tokens = tokenize(query)
  // Speech recognition splits and joins words: "so ma" may be "SoMa", "wickerpark" "Wicker Park".
  const pairs = tokens.slice(1).map((token, i) => tokens[i]! + token)
  return [...tokens, ...pairs]
}

/** 0–1: the weighted share of the zone name's words that were heard. */
function nameScore(zoneName: string, heard: string[], joinedQuery: string): number {
  const words = tokenize(zoneName)
  if (words.length === 0) return 0
  if (words.length > 1 && joinedQuery.includes(words.join(''))) return 1
  const total = words.reduce((sum, word) => sum + weight(word), 0)
  const matched = words
    .filter((word) => heard.some((h) => soundsLike(h, word)))
    .reduce((sum, word) => sum + weight(word), 0)
  return matched / total
}

/** Proper names in a zone's description ("Noe Valley and Glen Park"): places the zone also covers. */
function describedPlaces(description: string | null): string[] {
  if (!description) return []
  const words = description
    .split(/\s+/)
    .slice(1)
    .filter((word) => /^[A-Z][a-z]/.test(word))
  return words.map((word) => normalizeText(word)).filter((word) => word.length >= 4 && !GENERIC.has(word))
}

/** Connecting words allowed inside a place name ("South of Market", "St. Lawrence"). */
const NAME_JOINERS = new Set(['of', 'the', 'on', 'upon', 'de', 'la', 'le', 'du', 'st', 'and'])

/**
 * Other names a zone's description gives it: "SoCo, Bouldin Creek and Travis Heights" →
 * SoCo, Bouldin Creek, Travis Heights. Only parts written as proper names count.
 */
export function zoneAliases(description: string | null): string[] {
  if (!description) return []
  return description
    .split(/,|;|\/|&|\band\b|\bor\b/)
    .map((part) => part.trim().replace(/^the\s+/i, ''))
    .filter((part) => {
      const parts = part.split(/\s+/).filter(Boolean)
      return (
        parts.length > 0 &&
        parts.length <= 4 &&
        /^[A-Z]/.test(parts[0]!) &&
        parts.every((word) => /^[A-Z0-9]/.test(word) || NAME_JOINERS.has(word.toLowerCase().replace(/\.$/, '')))
      )
    })
}

/** "soco" for South Congress, "ues" for Upper East Side: abbreviations callers use for multi-word names. */
function abbreviations(zoneName: string): string[] {
  const parts = tokenize(zoneName).filter((word) => !NAME_JOINERS.has(word))
  if (parts.length < 2) return []
  const initials = parts.map((word) => word[0]).join('')
  const syllables = parts.map((word) => word.slice(0, 2)).join('')
  return [initials.length >= 3 ? initials : '', syllables].filter(Boolean)
}

export function zonesByName(zones: Zone[], query: string): Zone[] {
  const heard = heardWords(query)
  const joined = tokenize(query).join('')
  const tokens = new Set(tokenize(query))
  const scored = zones.map((zone) => {
    const names = [zone.name, ...zoneAliases(zone.description)]
    const byName = Math.max(...names.map((name) => nameScore(name, heard, joined)))
    const byAbbreviation = abbreviations(zone.name).some((short) => tokens.has(short)) ? 1 : 0
    return { zone, score: Math.max(byName, byAbbreviation) }
  })
  const best = Math.max(0, ...scored.map((s) => s.score))
  if (best >= 0.5) return scored.filter((s) => s.score === best).map((s) => s.zone)
  return zones.filter((zone) =>
    describedPlaces(zone.description).some((place) => heard.some((h) => soundsLike(h, place))),
  )
}

const NOT_PLACES = new Set([
  'my',
  'me',
  'us',
  'our',
  'your',
  'the',
  'a',
  'an',
  'this',
  'that',
  'here',
  'there',
  'house',
  'home',
  'place',
  'address',
  'apartment',
  'office',
  'work',
  'area',
  'areas',
  'neighborhood',
  'neighbourhood',
  'zone',
  'zones',
  'deliver',
  'delivery',
  'get',
  'order',
  'it',
  'you',
  'is',
  'are',
  'do',
  'does',
  'can',
  'how',
  'much',
  'what',
  'whats',
  'fee',
  'cost',
  'please',
  'too',
  'also',
  'and',
  'or',
  'for',
  'location',
  'where',
  'live',
  'i',
  'we',
  'zip',
  'code',
  'postcode',
  'postal',
  'which',
  'free',
  'minimum',
  'far',
  'near',
  'nearby',
])

/** The place a caller asked about in words ("deliver to brooklyn"), if any: what follows to/in/near. */
export function placeAskedAbout(query: string): string | undefined {
  const tokens = tokenize(query)
  const at = tokens.findIndex((token) => ['to', 'in', 'into', 'near', 'around'].includes(token))
  if (at < 0) return undefined
  const words = tokens.slice(at + 1).filter((token) => !NOT_PLACES.has(token) && !/\d/.test(token))
  return words.length > 0 ? words.join(' ') : undefined
}

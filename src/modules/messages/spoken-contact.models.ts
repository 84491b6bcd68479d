import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js'
import { lookUp } from '../../shared/look-up.ts'
import { SPOKEN_DIGITS as DIGITS } from '../../shared/spoken-digits.ts'

// A callback number or an e-mail address as the model relays it from speech: digits as words
// ("oh" for zero, "double five"), "plus one", fillers and self-corrections, then checked and read
// back in groups so the caller can confirm what was written down.

const TEENS: Record<string, string> = {
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
}
const TENS: Record<string, string> = {
  twenty: '2',
  thirty: '3',
  forty: '4',
  fifty: '5',
  sixty: '6',
  seventy: '7',
  eighty: '8',
  ninety: '9',
}
const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
/** Words after which the caller says the previous group again, corrected. */
const CORRECTIONS = new Set(['sorry', 'mean', 'no', 'actually', 'wait', 'correction', 'rather'])
const FILLERS = new Set(['uh', 'um', 'er', 'erm', 'ah', 'hmm', 'like', 'it', 'is', 'its', "it's", 'my', 'number', 'i'])

/** The number as groups of digits, in the order spoken; a correction word drops the group before it. */
function digitGroups(spoken: string): { groups: string[]; plus: boolean } {
  const groups: string[] = []
  let current = ''
  let plus = false
  let multiplier = 1
  // "sorry, I mean" or "no, wait" is one correction, not two.
  let corrected = false
  // After a correction that follows a long run of digits: the next group replaces that run's tail.
  let replaceTail = false
  const close = () => {
    if (!current) return
    if (replaceTail) {
      const kept = withoutTail(groups.pop() ?? '', current)
      if (kept) groups.push(kept)
      replaceTail = false
    }
    groups.push(current)
    current = ''
  }
  const tokens = spoken.toLowerCase().match(/\+|[0-9]+|[a-z']+|[,.;\-/()]/g) ?? []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token === '+' || token === 'plus') {
      if (groups.length === 0 && !current) plus = true
      continue
    }
    if (/^[,.;\-/()]$/.test(token)) {
      close()
      continue
    }
    if (CORRECTIONS.has(token)) {
      close()
      // "five five four, sorry, five five five" restates a group; a run said in one breath
      // ("…oh one two, sorry, oh one two three") is corrected at its end.
      if (!corrected && (groups.at(-1)?.length ?? 0) <= 4) groups.pop()
      else if (!corrected) replaceTail = true
      corrected = true
      continue
    }
    if (token === 'double' || token === 'triple') {
      multiplier = token === 'double' ? 2 : 3
      continue
    }
    let digits: string | undefined
    if (/^[0-9]+$/.test(token)) digits = token
    else if (DIGITS.has(token)) digits = DIGITS.get(token)!
    else if (lookUp(TEENS, token)) digits = lookUp(TEENS, token)
    else if (lookUp(TENS, token)) {
      const next = tokens[i + 1]
      const unit = next && next !== 'oh' && next !== 'o' && next !== 'zero' ? DIGITS.get(next) : undefined
      digits = lookUp(TENS, token) + (unit ?? '0')
      if (unit) i++
    } else if (token === 'hundred') digits = '00'
    else if (!FILLERS.has(token)) close()
    if (digits) {
      current += digits.repeat(multiplier)
      multiplier = 1
      corrected = false
    }
  }
  close()
  return { groups, plus }
}

/**
 * A run of digits without the part a correction restates: from where the run's end matches the
 * correction's start ("773555012" corrected by "0123" → "773555"), else its last digits.
 */
function withoutTail(run: string, correction: string): string {
  for (let k = Math.min(run.length, correction.length); k > 0; k--) {
    if (run.endsWith(correction.slice(0, k))) return run.slice(0, run.length - k)
  }
  return run.slice(0, Math.max(0, run.length - correction.length))
}

/** Candidate digit strings: as spoken, then with a group said twice in a row ("three one two, three one two") once. */
function candidates(groups: string[]): string[] {
  const all = [groups.join('')]
  for (let i = 1; i < groups.length; i++) {
    if (groups[i] === groups[i - 1]) all.push([...groups.slice(0, i), ...groups.slice(i + 1)].join(''))
  }
  // A digit slipped twice at a group's edge ("five five five five" for "five five five").
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!
    if (group.length > 1 && group.at(-1) === group.at(-2))
      all.push([...groups.slice(0, i), group.slice(0, -1), ...groups.slice(i + 1)].join(''))
  }
  return all
}

export type PhoneReading = { ok: true; e164: string; spoken: string } | { ok: false; heard: string }

/**
 * A spoken or typed phone number as E.164 (libphonenumber-js, the restaurant's country for
 * national numbers); `heard` is the digits understood, for asking again.
 */
export function readPhoneNumber(spoken: string, country: CountryCode): PhoneReading {
  const { groups, plus } = digitGroups(spoken)
  const heard = groups.join('')
  for (const digits of candidates(groups)) {
    const parsed = parsePhoneNumberFromString(plus ? `+${digits}` : digits, country)
    // Possible, not valid: restaurants and tests use fictional 555-01xx numbers.
    if (parsed?.isPossible()) return { ok: true, e164: parsed.number, spoken: speakPhoneNumber(parsed.number, country) }
  }
  return { ok: false, heard }
}

const speakDigits = (digits: string) => [...digits].map((digit) => DIGIT_NAMES[Number(digit)]).join(' ')

/** "three one two, five five five, zero one four two"; "plus 44, ..." for another country's number. */
export function speakPhoneNumber(e164: string, country: CountryCode): string {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return speakDigits(e164.replace(/\D/g, ''))
  const national = parsed.country === country || (!parsed.country && parsed.countryCallingCode === '1')
  const text = national ? parsed.formatNational() : parsed.formatInternational()
  const groups = text.match(/\+?[0-9]+/g) ?? []
  return groups
    .map((group) => (group.startsWith('+') ? `plus ${speakDigits(group.slice(1))}` : speakDigits(group)))
    .join(', ')
}

const EMAIL_WORDS: Record<string, string> = {
  at: '@',
  'at sign': '@',
  dot: '.',
  period: '.',
  point: '.',
  underscore: '_',
  dash: '-',
  hyphen: '-',
  minus: '-',
  plus: '+',
}
const EMAIL_FORM = /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/

export type EmailReading = { ok: true; address: string; spoken: string } | { ok: false; heard: string }

/** "ada dot lovelace at example dot com" → ada.lovelace@example.com, checked for an e-mail's form. */
export function readEmail(spoken: string): EmailReading {
  const words = spoken
    .toLowerCase()
    .replace(/\bat sign\b/g, ' at ')
    .split(/\s+/)
    .filter((word) => word && !['uh', 'um', 'er'].includes(word))
  const address = words.map((word) => lookUp(EMAIL_WORDS, word) ?? lookUp(DIGITS_IN_EMAIL, word) ?? word).join('')
  if (address.length > 254 || !EMAIL_FORM.test(address) || address.includes('..')) return { ok: false, heard: address }
  return { ok: true, address, spoken: speakEmail(address) }
}
const DIGITS_IN_EMAIL: Record<string, string> = Object.fromEntries(DIGIT_NAMES.map((name, digit) => [name, `${digit}`]))

/** "ada dot lovelace, at, example dot com": the symbols said as words. */
export function speakEmail(address: string): string {
  const [local = '', domain = ''] = address.split('@')
  const say = (part: string) =>
    part.replace(/\./g, ' dot ').replace(/_/g, ' underscore ').replace(/-/g, ' dash ').replace(/\+/g, ' plus ')
  return `${say(local)}, at, ${say(domain)}`.replace(/\s+/g, ' ').trim()
}

import { normalizeText } from '../shared/text-match.ts'

// Scoring of one tool answer against one evaluation question (shared/eval/README.md).

export type EvalQuestion = {
  restaurant: string
  tool: string
  query: string
  at?: string
  expect_all?: string[]
  expect_any?: string[]
  expect_text?: string[]
  expect_text_any?: string[]
  expect_absent?: boolean
  max_days?: number
  max_zones?: number
}

/** The names an answer may mention, per kind, from the restaurant's bundle. */
export type EvalNames = { menu: string[]; modifiers: string[]; zones: string[] }

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
const SAYS_NO = /\b(no|not|don'?t|doesn'?t|isn'?t|aren'?t|can'?t|cannot|sorry|unfortunately|outside)\b|n't\b/i
const MAX_LISTED_ITEMS = 5
const MAX_ALTERNATIVES = 3

/** Python's inline `(?i)` becomes JavaScript's `i` flag. */
export function toRegExp(pattern: string): RegExp {
  const match = /^\(\?([a-z]+)\)/.exec(pattern)
  if (!match) return new RegExp(pattern)
  const flags = [...new Set(match[1]!.replace(/[^ims]/g, ''))].join('')
  return new RegExp(pattern.slice(match[0].length), flags)
}

/** Whether a name is spoken in the text, ignoring case, accents and punctuation. */
export function mentions(text: string, name: string): boolean {
  const haystack = ` ${normalizeText(text)} `
  const needle = normalizeText(name)
  return needle.length > 0 && haystack.includes(` ${needle} `)
}

const countMentioned = (text: string, names: string[]) => new Set(names.filter((name) => mentions(text, name)).map((n) => normalizeText(n))).size

export function scoreAnswer(question: EvalQuestion, answer: string, names: EvalNames): { pass: boolean; problems: string[] } {
  const problems: string[] = []
  const missing = (question.expect_all ?? []).filter((name) => !mentions(answer, name))
  if (missing.length > 0) problems.push(`does not name ${missing.join(', ')}`)
  if (question.expect_any && !question.expect_any.some((name) => mentions(answer, name))) problems.push(`names none of ${question.expect_any.join(', ')}`)
  const unmatched = (question.expect_text ?? []).filter((pattern) => !toRegExp(pattern).test(answer))
  if (unmatched.length > 0) problems.push(`does not match ${unmatched.join(', ')}`)
  if (question.expect_text_any && !question.expect_text_any.some((pattern) => toRegExp(pattern).test(answer))) {
    problems.push(`matches none of ${question.expect_text_any.join(', ')}`)
  }
  const own = question.tool === 'get_zones_info' ? names.zones : question.tool === 'get_modifiers_info' ? names.modifiers : question.tool === 'get_menu_info' ? names.menu : []
  if (question.expect_absent) {
    if (!SAYS_NO.test(answer)) problems.push('does not say the thing is not on offer')
    if (countMentioned(answer, own) > MAX_ALTERNATIVES) problems.push(`suggests more than ${MAX_ALTERNATIVES} alternatives`)
  }
  if (question.tool === 'get_menu_info' || question.tool === 'get_modifiers_info') {
    const listed = countMentioned(answer, own)
    if (listed > MAX_LISTED_ITEMS) problems.push(`names ${listed} items (at most ${MAX_LISTED_ITEMS})`)
  }
  if (question.max_days !== undefined) {
    const days = WEEKDAYS.filter((day) => mentions(answer, day)).length
    if (days > question.max_days) problems.push(`names ${days} weekdays (at most ${question.max_days})`)
  }
  if (question.max_zones !== undefined) {
    const zones = countMentioned(answer, names.zones)
    if (zones > question.max_zones) problems.push(`names ${zones} zones (at most ${question.max_zones})`)
  }
  return { pass: problems.length === 0, problems }
}

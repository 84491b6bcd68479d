// Scoring of the answer-quality evaluation, exactly as examples/README.md describes it.

export type EvalQuestion = {
  restaurant: string
  tool: string
  query: string
  expect_all?: string[]
  expect_any?: string[]
  expect_text?: string[]
  expect_text_any?: string[]
  expect_absent?: boolean
  at?: string
  max_days?: number
  max_zones?: number
}

/** What the scorer needs to know about the restaurant a question is asked of (a bundle works). */
export type EvalRestaurant = {
  menu_items?: { name: string }[]
  modifiers?: { name: string }[]
  delivery_zones?: { zone_name: string }[]
}

export type EvalScore = { pass: boolean; failures: string[] }

/** A menu or modifier answer must not read back more than this many of the restaurant's names. */
export const MAX_NAMED_ITEMS = 5
export const MAX_ABSENT_ALTERNATIVES = 3
const NEGATIVE =
  /\b(no|not|don'?t|doesn'?t|isn'?t|aren'?t|can'?t|cannot|won'?t|sorry|unfortunately|outside|none|nothing)\b/i
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

export function parseQuestions(jsonl: string): EvalQuestion[] {
  return jsonl
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, n]) => {
      let question: EvalQuestion
      try {
        question = JSON.parse(line)
      } catch (error) {
        throw new Error(`questions.jsonl line ${n}: ${(error as Error).message}`)
      }
      if (
        typeof question.restaurant !== 'string' ||
        typeof question.tool !== 'string' ||
        typeof question.query !== 'string'
      ) {
        throw new Error(`questions.jsonl line ${n}: restaurant, tool and query are required strings`)
      }
      return question
    })
}

/** Case, accents and punctuation ignored: "Crème brûlée!" → "creme brulee". */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

export function mentions(text: string, name: string): boolean {
  const needle = normalizeForMatch(name)
  return needle.length > 0 && ` ${normalizeForMatch(text)} `.includes(` ${needle} `)
}

/** Which of `names` the text names; a longer name claims its words first ("Tonkotsu Ramen" is not also "Ramen"). */
export function namedIn(text: string, names: string[]): string[] {
  let remaining = ` ${normalizeForMatch(text)} `
  const found: string[] = []
  for (const name of [...new Set(names)].sort((a, b) => normalizeForMatch(b).length - normalizeForMatch(a).length)) {
    const needle = ` ${normalizeForMatch(name)} `
    if (needle.trim().length === 0 || !remaining.includes(needle)) continue
    found.push(name)
    remaining = remaining.split(needle).join(' | ')
  }
  return found
}

/** A Python-style pattern as JavaScript: a leading `(?i)` becomes the `i` flag. */
export function toRegExp(pattern: string): RegExp {
  const match = /^\(\?([a-z]+)\)/.exec(pattern)
  if (!match) return new RegExp(pattern)
  const flags = [...new Set(match[1]!.replace(/[^ims]/g, '').split(''))].join('')
  return new RegExp(pattern.slice(match[0].length), flags)
}

function namesFor(tool: string, restaurant: EvalRestaurant): string[] {
  if (tool === 'get_menu_info') return (restaurant.menu_items ?? []).map((item) => item.name)
  if (tool === 'get_modifiers_info') return (restaurant.modifiers ?? []).map((item) => item.name)
  if (tool === 'get_zones_info') return (restaurant.delivery_zones ?? []).map((zone) => zone.zone_name)
  return []
}

export function scoreAnswer({
  question,
  result,
  restaurant,
}: {
  question: EvalQuestion
  result: string
  restaurant: EvalRestaurant
}): EvalScore {
  const failures: string[] = []
  const missing = (question.expect_all ?? []).filter((name) => !mentions(result, name))
  if (missing.length > 0) failures.push(`does not name ${missing.join(', ')}`)
  if (question.expect_any?.length && !question.expect_any.some((name) => mentions(result, name)))
    failures.push(`names none of ${question.expect_any.join(', ')}`)
  for (const pattern of question.expect_text ?? [])
    if (!toRegExp(pattern).test(result)) failures.push(`does not match ${pattern}`)
  if (question.expect_text_any?.length && !question.expect_text_any.some((pattern) => toRegExp(pattern).test(result))) {
    failures.push(`matches none of ${question.expect_text_any.join(', ')}`)
  }
  const named = namedIn(result, namesFor(question.tool, restaurant))
  if (question.expect_absent) {
    if (!NEGATIVE.test(result)) failures.push('does not say the thing is not on offer')
    if (named.length > MAX_ABSENT_ALTERNATIVES)
      failures.push(`suggests ${named.length} alternatives (at most ${MAX_ABSENT_ALTERNATIVES})`)
  }
  if ((question.tool === 'get_menu_info' || question.tool === 'get_modifiers_info') && named.length > MAX_NAMED_ITEMS) {
    failures.push(`names ${named.length} items (at most ${MAX_NAMED_ITEMS})`)
  }
  if (question.max_days !== undefined) {
    const days = WEEKDAYS.filter((day) => new RegExp(`\\b${day}\\b`, 'i').test(result))
    if (days.length > question.max_days) failures.push(`names ${days.length} weekdays (at most ${question.max_days})`)
  }
  if (question.max_zones !== undefined) {
    const zones = namedIn(result, namesFor('get_zones_info', restaurant))
    if (zones.length > question.max_zones) failures.push(`names ${zones.length} zones (at most ${question.max_zones})`)
  }
  return { pass: failures.length === 0, failures }
}

// Lenient readers for untrusted payload fields: a value of the wrong type becomes null instead of
// failing the whole report, and every string is made storable (PostgreSQL rejects NUL bytes in
// text and lone UTF-16 surrogates in jsonb) and cut to a size the table and the API can carry.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function storable(value: string): string {
  return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD')
}

/** Cuts `value` to at most `max` characters, ending with an ellipsis when cut. */
export function clip(value: string, max: number): string {
  const clean = storable(value)
  if (clean.length <= max) return clean
  let end = max - 1
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(clean.charAt(end - 1))) end -= 1
  return `${clean.slice(0, end)}…`
}

export function readString(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null
  const clipped = clip(value, max)
  return clipped.trim() === '' ? null : clipped
}

export function readNumber(value: unknown, { min, max }: { min: number; max: number }): number | null {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  return Number.isFinite(number) && number >= min && number <= max ? number : null
}

const EARLIEST = Date.UTC(2000, 0, 1)
const LATEST = Date.UTC(2200, 0, 1)

/** An ISO 8601 string or epoch milliseconds (Vapi uses both); anything else or out of range → null. */
export function readTime(value: unknown): Date | null {
  const ms =
    typeof value === 'number' ? value : typeof value === 'string' && value.length <= 64 ? Date.parse(value) : NaN
  return Number.isFinite(ms) && ms >= EARLIEST && ms < LATEST ? new Date(ms) : null
}

export function readObject(value: unknown): Record<string, any> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, any>)
    : undefined
}

export function readUrl(value: unknown): string | null {
  const url = readString(value, 2048)
  return url !== null && /^https?:\/\/\S+$/i.test(url) && !url.endsWith('…') ? url : null
}

/** Strips spaces and punctuation people type into phone numbers: "+1 (415) 555-0100" → "+14155550100". */
export function compactPhone(value: string): string {
  return value.replace(/[\s().-]/g, '')
}

/** "+14155550123" → "+1415•••0123": enough to tell calls apart in logs, not enough to call back. */
export function maskPhone(value: string | null | undefined): string | null {
  if (!value) return null
  return value.length <= 6 ? '•••' : `${value.slice(0, value.length - 7)}•••${value.slice(-4)}`
}

/**
 * A JSON value cut down to a bounded size (depth, keys, items, string lengths), with storable
 * strings; used for free-form parts of a report such as the cost breakdown.
 */
export function boundedJson(value: unknown, depth = 4): unknown {
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string') return clip(value, 500)
  if (depth === 0) return null
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => boundedJson(item, depth - 1))
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .slice(0, 50)
        .map(([key, item]) => [clip(key, 100), boundedJson(item, depth - 1)]),
    )
  }
  return null
}

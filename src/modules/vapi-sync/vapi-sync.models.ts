import { createHash } from 'node:crypto'

/** JSON with object keys sorted, so equal configs hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export const configHash = (value: unknown) => createHash('sha256').update(stableJson(value)).digest('hex')

/**
 * Whether everything we would write is already there. Vapi adds fields of its own (id,
 * orgId, timestamps, defaults), so only the fields we set are compared.
 */
export function isSubset(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(actual) && actual.length === desired.length && desired.every((item, i) => isSubset(item, actual[i]))
    )
  }
  if (desired && typeof desired === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false
    return Object.entries(desired as Record<string, unknown>).every(
      ([key, value]) => value === undefined || isSubset(value, (actual as Record<string, unknown>)[key]),
    )
  }
  return desired === actual
}

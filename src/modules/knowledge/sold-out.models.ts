import type { SearchRow } from './knowledge.repository.ts'

// Items sold out "until tonight at 6": the index records the time, and availability is decided
// when a question is answered, so an item comes back on every instance at that moment, with no
// job to flip it and no restart. An answer built while an item is still sold out is only good
// until it comes back, which bounds how long it may be cached.

const UNAVAILABLE = /\s*Currently unavailable\./

/** The rows as they are at `now`, and the first moment one of them comes back (if any does). */
export function availabilityAt(rows: SearchRow[], now: Date): { rows: SearchRow[]; validUntil?: Date } {
  let validUntil: Date | undefined
  const current = rows.map((row) => {
    const again = row.metadata.available_again_at
    if (row.metadata.available !== false || typeof again !== 'string') return row
    const at = new Date(again)
    if (at.getTime() > now.getTime()) {
      if (!validUntil || at < validUntil) validUntil = at
      return row
    }
    return { ...row, content: row.content.replace(UNAVAILABLE, ''), metadata: { ...row.metadata, available: true } }
  })
  return { rows: current, validUntil }
}

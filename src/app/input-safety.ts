import { AppError } from '../shared/errors.ts'

// PostgreSQL text cannot hold U+0000: a NUL anywhere in a value that reaches a query fails it
// with "invalid byte sequence", which would surface as a 500. The walks are iterative because
// a hostile body may nest thousands of levels deep.

import { NUL } from '../shared/without-nul.ts'

/** The first place (`body.menu_items.0.name`) where a string or key holds a NUL, if any. */
export function findNul(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]]
  while (stack.length > 0) {
    const [current, path] = stack.pop()!
    if (typeof current === 'string') {
      if (current.includes(NUL)) return path
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes(NUL)) return path
        stack.push([child, `${path}.${key}`])
      }
    }
  }
  return undefined
}

/** Refuses a request whose body, query or path holds a NUL, naming the field. */
export function assertNoNul(parts: Record<string, unknown>) {
  for (const [part, value] of Object.entries(parts)) {
    const field = findNul(value, part)
    if (field)
      throw new AppError('validation_error', `${field} must not contain NUL characters`, 400, [
        { field, problem: 'contains a NUL character' },
      ])
  }
}

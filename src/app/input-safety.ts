import { AppError } from '../shared/errors.ts'

// PostgreSQL text cannot hold U+0000: a NUL anywhere in a value that reaches a query fails it
// with "invalid byte sequence", which would surface as a 500. The walks are iterative because
// a hostile body may nest thousands of levels deep.

const NUL = '\u0000'

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

/** The same value with every NUL removed from its strings and keys (for messages we must keep, such as Vapi's). */
export function withoutNul(value: unknown): unknown {
  const clean = (text: string) => (text.includes(NUL) ? text.replaceAll(NUL, '') : text)
  if (typeof value === 'string') return clean(value)
  if (value === null || typeof value !== 'object') return value
  const copy: any = Array.isArray(value) ? [] : {}
  const stack: [any, any][] = [[value, copy]]
  while (stack.length > 0) {
    const [from, to] = stack.pop()!
    for (const [key, child] of Object.entries(from)) {
      let copied = child
      if (typeof child === 'string') copied = clean(child)
      else if (child !== null && typeof child === 'object') {
        copied = Array.isArray(child) ? [] : {}
        stack.push([child, copied])
      }
      // defineProperty, not assignment: a key named __proto__ stays a plain key.
      Object.defineProperty(to, clean(key), { value: copied, enumerable: true, writable: true, configurable: true })
    }
  }
  return copy
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

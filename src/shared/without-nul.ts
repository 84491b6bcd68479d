// PostgreSQL text cannot hold U+0000 (see src/app/input-safety.ts). The walk is iterative because
// a hostile body may nest thousands of levels deep.

export const NUL = '\u0000'

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

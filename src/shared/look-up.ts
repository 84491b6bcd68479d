/**
 * `table[key]` for a key from outside (a caller's word, a provider's field): never one of what
 * every object inherits, so "constructor" said by a caller finds nothing instead of a function.
 */
export const lookUp = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined

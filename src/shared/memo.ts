/**
 * A pure function of one string, computed once per string: answer ranking asks the same words
 * and names hundreds of times per question. A plain Map emptied when full: an LRU's reordering on
 * every hit cost more than it saved at ~1,000 look-ups a question. Callers only read what it gives.
 */
export function memo<V>(compute: (text: string) => V, capacity = 20_000): (text: string) => V {
  const cache = new Map<string, V>()
  return (text: string) => {
    let value = cache.get(text)
    if (value === undefined) {
      if (cache.size >= capacity) cache.clear()
      value = compute(text)
      cache.set(text, value)
    }
    return value
  }
}

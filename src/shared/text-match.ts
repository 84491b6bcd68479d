// Small, dependency-free text matching for spoken questions: speech recognition slips letters
// ("wensday", "wicker pak"), so names are compared with a length-aware edit distance.

/** Lower case, accents and punctuation removed, single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

export function tokenize(text: string): string[] {
  const normalized = normalizeText(text)
  return normalized ? normalized.split(' ') : []
}

/** Edit distance counting a swap of neighbours as one slip; gives up (max + 1) past `max`. */
export function editDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let before: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1)
      current[j] = value
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > max) return max + 1
    before = previous
    previous = current
  }
  return previous[b.length]!
}

/** How many slips a word of this length may carry and still count: none for short words. */
export function allowedSlips(length: number): number {
  if (length <= 4) return 0
  if (length <= 7) return 1
  return 2
}

/** The same word, allowing for speech-recognition slips. */
export function soundsLike(heard: string, word: string): boolean {
  if (heard === word) return true
  return editDistance(heard, word, allowedSlips(word.length)) <= allowedSlips(word.length)
}

// Small helpers for text that is read aloud by a voice assistant.

import { speakPrice } from '../../shared/money.ts'

/** "$14", "€9.50": a dish's or option's price, in its restaurant's currency. */
export const priceOf = (item: { price: number; currency: string }) => speakPrice(item.price, item.currency)

/** "a", "a and b", "a, b and c"; long parts that hold commas themselves are better apart with "; ". */
export function joinList(parts: string[], conjunction = 'and', separator = ', '): string {
  if (parts.length <= 1) return parts.join('')
  const last = separator === ', ' ? ` ${conjunction} ` : `${separator.trimEnd()} ${conjunction} `
  return parts.slice(0, -1).join(separator) + last + parts.at(-1)
}

/** One line: Vapi's tool results must not contain newlines. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

const NUMBER_OR_ARTICLE = new Set(
  'a an the one two three four five six seven eight nine ten twelve half a dozen'.split(' '),
)
/** Nationalities and regions name a style and keep their capital ("Japanese", "Provencal", "Thai"). */
const PROPER_ADJECTIVE = /^[A-Z][a-z]*(ese|ian|ish|ican|encal|ench|eek|ai|ean|wiss)$/

/** A description shortened for speech, at a clause boundary when it is long. */
export function speakableDescription(description: string | null | undefined, maxLength = 110): string {
  let text = oneLine(description ?? '').replace(/[.!;:\s]+$/, '')
  if (text.length > maxLength) {
    const cut = text.slice(0, maxLength)
    const boundary = Math.max(cut.lastIndexOf(','), cut.lastIndexOf(' with '), cut.lastIndexOf(' and '))
    text = cut.slice(0, boundary > 40 ? boundary : cut.lastIndexOf(' ')).trim()
  }
  // "Chicken braised…" reads as "chicken braised…" after a colon, and so does "Six Burgundy snails";
  // "San Marzano…" and "Japanese fried chicken" keep their capital.
  const [first, second] = text.split(' ')
  const word = first?.replace(/[,;]$/, '') ?? ''
  const numberOrArticle = NUMBER_OR_ARTICLE.has(word.toLowerCase())
  const ordinary = second !== undefined && /^[A-Z][a-z'-]*$/.test(word) && /^[a-z]/.test(second)
  if ((ordinary || numberOrArticle) && !PROPER_ADJECTIVE.test(word)) text = text[0]!.toLowerCase() + text.slice(1)
  return text
}

// Text analysis shared by the local embedder and the answer ranking: accent folding, a light
// English stemmer, a phonetic key for speech-recognition slips, and character trigrams.

/** Lower case, accents removed ("Crème Brûlée" → "creme brulee"), apostrophes dropped ("can't" → "cant"). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
}

/** The words of a text, folded; hyphenated words are split ("gluten-free" → gluten, free). */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/**
 * A deliberately light stemmer: plurals and -ed/-ing, then a final "e", so that "cheeses",
 * "cheese", "baked" and "bake" meet. Both sides of every comparison go through it, so only
 * consistency matters, not linguistic accuracy.
 */
export function stem(word: string): string {
  let w = word
  if (w.length <= 3) return w
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`
  else if (/(ch|sh|ss|x|z|o)es$/.test(w) && w.length > 4) w = w.slice(0, -2)
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1)
  // "fried" → fri, apart from "fries" → fry: a cooking method is not a side of chips.
  if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -2)
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2)
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3)
  if (w.endsWith('e') && w.length >= 4) w = w.slice(0, -1)
  return w
}

/**
 * A phonetic key in the spirit of Metaphone, tuned for what speech recognition does to dish
 * names: "cock oh van" and "coq au vin" → KAKAFAN, "tonkatsu"/"tonkotsu" → TANKASA, "peetsa"/"pizza" → PASA.
 */
export function phonetic(text: string): string {
  let s = fold(text).replace(/[^a-z0-9]/g, '')
  if (!s) return ''
  s = s
    .replace(/^kn/, 'n')
    .replace(/^wr/, 'r')
    .replace(/^x/, 's')
    .replace(/ph/g, 'f')
    .replace(/tch/g, 'ch')
    .replace(/sch/g, 'sk')
    .replace(/ck/g, 'k')
    .replace(/gh/g, '')
    .replace(/(ts|tz|zz|z)/g, 's')
    .replace(/sh|ch/g, 'x')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cq]/g, 'k')
    .replace(/dg/g, 'j')
    .replace(/d/g, 't')
    .replace(/v/g, 'f')
  // Vowels keep their place but not their quality: "soups" (SAPS) stays apart from "spicy" (SPAS).
  return s
    .replace(/[why]/g, '')
    .replace(/[aeiou]+/g, 'A')
    .toUpperCase()
    .replace(/(.)\1+/g, '$1')
}

/** Character trigrams of one word, padded as pg_trgm pads them. */
export function trigrams(word: string): string[] {
  const padded = `  ${word} `
  const grams: string[] = []
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3))
  return [...new Set(grams)]
}

/** pg_trgm's similarity: shared trigrams over all distinct trigrams of both words. */
export function trigramSimilarity(a: string, b: string): number {
  const ga = trigrams(a)
  const gb = new Set(trigrams(b))
  const shared = ga.filter((gram) => gb.has(gram)).length
  return shared / (ga.length + gb.size - shared)
}

/** Function words and the filler of spoken questions ("do you have", "can I get", "how much"). */
export const STOPWORDS = new Set(
  `a an the and or of to for with in on at by from into onto as but so if then than
do does did done you your yours we our ours us i im ive id me my mine he she they them their it its
this that these those there theres here is are was were be been being am have has had having
can could would will should shall may might must
what whats which who whom whose how hows much many any anything some something someone else other another
get got getting like liked want wanted wanna need needed please just also too very really quite kind sort type
one ones thing things stuff tell know let lets see try think maybe um uh oh ok okay yes yeah well hi hello hey
serve serves served offer offers offered carry sell sells have make made eat eating order ordering
cost costs price prices priced about around today tonight now right sure thanks thank currently still even ever again
cant cannot dont doesnt isnt arent
wont would like go going come put give bring take find looking look sound sounds guys folks yall everyone`
    .split(/\s+/)
    .filter(Boolean),
)

/** Words that describe the question rather than the food: matched, but weighed little. */
export const GENERIC_WORDS = new Set(
  [
    'dish',
    'dishes',
    'food',
    'foods',
    'meal',
    'meals',
    'option',
    'options',
    'menu',
    'item',
    'items',
    'choice',
    'choices',
    'plate',
    'plates',
    'available',
    'special',
    'specials',
    'house',
    'side',
    'add',
    'dish',
    'cook',
    'serving',
    'portion',
    'topping',
    'addon',
    'extras',
  ].map(stem),
)

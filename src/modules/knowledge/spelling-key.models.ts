import { distance } from 'fastest-levenshtein'

// A dish travels under several spellings: Polish "barszcz" is the English "borscht", "pierogi" is
// also "pirogi", "falafel" "felafel". The writing systems differ in regular ways (Polish sz, cz;
// German sch; English sh, ch; w for v; vowels that each transliteration hears differently), so
// one key folds them: each sound one symbol, every vowel run one vowel. Keys that are equal or
// nearly equal are a sign (not proof) that two words name one dish.

// Order matters: longer letter groups first ("szcz" before "sz", "tsch" before "sch", "sch" before "ch").
const SOUNDS: [RegExp, string][] = [
  [/szcz|shch/g, 'SC'],
  [/tsch|tch/g, 'C'],
  [/sch|sz|sh|ş|š|ś/g, 'S'],
  [/cz|ch|ç|č/g, 'C'],
  [/rz|zh|ż|ž|ź/g, 'Z'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/kh|gh/g, 'h'],
  [/ck|q|c(?![eiy])/g, 'k'],
  [/c/g, 's'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/ł/g, 'l'],
  [/[aeiouyąęóø]+/g, 'a'],
]

/** "borscht" → "barSt", "barszcz" → "barSC", "pierogi" and "pirogi" → "paraga". */
export function spellingKey(word: string): string {
  let key = word.toLowerCase().normalize('NFC')
  for (const [pattern, sound] of SOUNDS) key = key.replace(pattern, sound)
  // Doubled letters are one sound in every one of these spellings ("daal", "channa").
  return key.replace(/(.)\1+/g, '$1')
}

/** How alike two words' spelling keys are, 0 to 1 (1: the same key). */
export function spellingKeySimilarity(a: string, b: string): number {
  const ka = spellingKey(a)
  const kb = spellingKey(b)
  const longest = Math.max(ka.length, kb.length)
  return longest === 0 ? 0 : 1 - distance(ka, kb) / longest
}

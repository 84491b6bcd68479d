import { lexicon, termsOf } from '../../infra/embeddings/food-lexicon.ts'
import { GENERIC_WORDS, STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'
import { lookUp } from '../../shared/look-up.ts'
import { describedWithout } from './menu-evidence.models.ts'
import { type MenuItem, recordsIngredient, SPICY } from './menu-filters.models.ts'
import { type DietIntent, detectDiets, listsAllergen, satisfiesDiets } from './menu-intents.models.ts'
import { joinList, priceOf, speakableDescription } from './speech.models.ts'

// A question about one dish's property ("is the pad thai gluten free", "does the green curry
// come with rice", "is the curry spicy") is answered from the dish's record: dietary tags,
// allergens and description. When the record is silent the answer says so; it never guesses.

export type PropertyQuestion =
  | { kind: 'diet'; diets: DietIntent[] }
  | { kind: 'spice' }
  | { kind: 'ingredient'; terms: { key: string; text: string }[]; verb: string }
  | { kind: 'describe' }

const SPICE_WORDS = new Set(['spicy', 'spice', 'hot', 'heat', 'mild', 'fiery', 'spiced'])
const INGREDIENT_CUES: [RegExp, string][] = [
  [/^(comes?|served) with\b/, 'comes with'],
  [/^(is |are )?made (with|of|from)\b/, 'is made with'],
  [/^(have|has|got|contains?|includes?|with|use|uses)\b/, 'has'],
]
const DESCRIBE = /\b(whats|what is|what are|what comes|whats on|what goes) (in|on|with)\b|\bingredients\b|\bdescribe\b/

/** What is asked about the dish said at words [start, end) of the question, if it is a property question. */
export function detectProperty(
  query: string,
  span: { start: number; end: number },
  recordedTags: string[],
): PropertyQuestion | null {
  const heard = words(query)
  const before = heard.slice(0, span.start)
  const after = heard.slice(span.end)
  const outside = [...before, ...after]
  const diets = detectDiets(outside.join(' '), recordedTags)
  const dietWords = new Set(diets.flatMap((d) => d.words))
  const leftover = (list: string[], also: Set<string> = new Set()) =>
    list.filter((w) => !STOPWORDS.has(w) && !GENERIC_WORDS.has(stem(w)) && !dietWords.has(w) && !also.has(w))
  if (diets.length > 0 && leftover(outside).length === 0) return { kind: 'diet', diets }
  if (outside.some((w) => SPICE_WORDS.has(w)) && leftover(outside, SPICE_WORDS).length === 0) return { kind: 'spice' }
  const tail = after.join(' ')
  for (const [cue, verb] of INGREDIENT_CUES) {
    const match = cue.exec(tail)
    if (!match) continue
    const terms = termsOf(tail.slice(match[0].length)).filter(
      (term) => !STOPWORDS.has(term.text) && !GENERIC_WORDS.has(term.key) && term.text !== 'it' && term.text !== 'them',
    )
    if (terms.length > 0 && terms.length <= 3) return { kind: 'ingredient', terms, verb }
  }
  if (DESCRIBE.test(before.join(' ')) && leftover(after).length === 0) return { kind: 'describe' }
  return null
}

const isPlural = (name: string) => /[^su]s$/i.test(name.trim())
const be = (item: MenuItem) => (isPlural(item.name) ? 'are' : 'is')
const the = (item: MenuItem) => `the ${item.name} (${priceOf(item)})`
const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1)

function described(item: MenuItem): string {
  const description = speakableDescription(item.description)
  return description ? `: ${description}.` : '.'
}

const DIET_ALLERGEN: Record<string, string> = { 'gluten-free': 'gluten', 'dairy-free': 'dairy', 'nut-free': 'nut' }

function dietAnswer(item: MenuItem, diets: DietIntent[]): string {
  const tags = joinList(diets.map((d) => d.tag))
  if (satisfiesDiets(item, diets)) return `Yes, ${the(item)} ${be(item)} ${tags}${described(item)}`
  const listed = diets
    .map((d) => lookUp(DIET_ALLERGEN, d.tag))
    .filter((allergen): allergen is string => !!allergen && recordsIngredient(item, allergen))
  const recorded = item.allergens.filter((a) =>
    listed.some((allergen) => recordsIngredient({ ...item, allergens: [a], description: null, name: '' }, allergen)),
  )
  if (recorded.length > 0)
    return `No, ${the(item)} ${be(item)} not marked ${tags}: its allergens include ${joinList(recorded)}.`
  const [it, its] = isPlural(item.name) ? ['they are', 'Their'] : ['it is', 'Its']
  const allergens = item.allergens.length > 0 ? ` ${its} recorded allergens are ${joinList(item.allergens)}.` : ''
  const lead = `${capital(the(item))} ${be(item)} not marked ${tags} on our menu, so I can't promise ${it}.`
  return `${lead}${allergens} Please check with the kitchen.`
}

function spiceAnswer(item: MenuItem): string {
  // "Served hot" is a temperature; "not spicy" says no.
  const text = words(`${item.name} ${item.description ?? ''}`)
    .join(' ')
    .replace(/\b(served|serve|piping|brewed|kept) hot\b/g, '')
  if (/\b(not|never|no|isnt) (too |very |at all )?(spicy|hot)\b/.test(text))
    return `No, ${the(item)} ${be(item)} not spicy${described(item)}`
  if (SPICY.test(text)) return `Yes, ${the(item)} ${be(item)} spicy${described(item)}`
  if (/\bmild\b/.test(text)) return `No, ${the(item)} ${be(item)} mild${described(item)}`
  return `The menu doesn't say how spicy ${the(item)} ${be(item)}${described(item)}`
}

const ALLERGENS = new Set([
  'nut',
  'peanut',
  'egg',
  'dairy',
  'milk',
  'gluten',
  'wheat',
  'soy',
  'sesame',
  'shellfish',
  'fish',
])
const isAllergen = (key: string) => ALLERGENS.has(key) || lexicon.ancestors(key).some((up) => ALLERGENS.has(up))

function ingredientAnswer(item: MenuItem, terms: { key: string; text: string }[], verb: string): string {
  const found = terms.filter((term) => recordsIngredient(item, term.key))
  const missing = terms.filter((term) => !found.includes(term))
  const allergenNames = item.allergens.filter((a) =>
    found.some((term) => recordsIngredient({ ...item, allergens: [a], description: null, name: '' }, term.key)),
  )
  const verbFor = (v: string) =>
    isPlural(item.name)
      ? v
          .replace(/^comes/, 'come')
          .replace(/^is/, 'are')
          .replace(/^has/, 'have')
      : v
  // A description that says "no croutons" answers no, whatever words it shares with the question.
  const without = found.filter((term) => !listsAllergen(item, term.key) && describedWithout(item, term.key))
  if (without.length > 0)
    return `No, ${the(item)} ${verbFor('has')} no ${joinList(without.map((t) => t.text))}${described(item)}`
  if (missing.length === 0) {
    const allergens = allergenNames.length > 0 ? ` Its allergens include ${joinList(allergenNames)}.` : ''
    return `Yes, ${the(item)} ${verbFor(verb)} ${joinList(found.map((t) => t.text))}${described(item)}${allergens}`
  }
  const names = joinList(
    missing.map((t) => t.text),
    'or',
  )
  if (missing.some((term) => isAllergen(term.key)))
    return (
      `${capital(the(item))} doesn't list ${names} among its allergens or in its description${described(item)}` +
      ' Please check with the kitchen about allergies.'
    )
  return `The menu doesn't mention ${names} for ${the(item)}${described(item)}`
}

/** The answer to a diet, spice or ingredient question; "what's in it" is answered as the dish itself. */
export function propertyAnswer(item: MenuItem, question: Exclude<PropertyQuestion, { kind: 'describe' }>): string {
  if (question.kind === 'diet') return dietAnswer(item, question.diets)
  if (question.kind === 'spice') return spiceAnswer(item)
  return ingredientAnswer(item, question.terms, question.verb)
}

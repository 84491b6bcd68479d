import { lexicon, termsOf } from '../../infra/embeddings/food-lexicon.ts'
import { stem, words } from '../../infra/embeddings/text-analysis.ts'
import { wordKnowledge } from '../../infra/word-knowledge/word-knowledge.ts'
import { lookUp } from '../../shared/look-up.ts'
import { memo } from '../../shared/memo.ts'
import { speakPrice } from '../../shared/money.ts'
import type { MenuItemMetadata } from './knowledge-documents.models.ts'
import type { Constraints } from './menu-frames.models.ts'
import { type DietIntent, listsAllergen, satisfiesDiets } from './menu-intents.models.ts'
import { joinList, priceOf } from './speech.models.ts'

// Lists under constraints, answered by filtering the restaurant's structured fields: price,
// category, dietary tags, allergens, and the words of names and descriptions. Nothing that fails
// a constraint is named; allergen answers quote what is recorded and never call a dish safe.

/** A dish of one restaurant, priced in that restaurant's currency. */
export type MenuItem = MenuItemMetadata & { id: string; currency: string }

const MAX_LISTED = 5

/** Every concept a text names, with those above each ("walnuts" → walnut, nut…); cached per text. */
const conceptsOf = memo(computeConcepts)

function computeConcepts(text: string): Set<string> {
  const found = new Set<string>()
  for (const term of termsOf(text, { keepPhraseWords: true })) {
    found.add(term.key)
    for (const synonym of lexicon.synonyms(term.key)) found.add(synonym)
    for (const up of lexicon.ancestors(term.key)) found.add(up)
  }
  return found
}

const kindConcepts = (item: MenuItem) => conceptsOf(`${item.name} ${item.category ?? ''}`)
const allConcepts = (item: MenuItem) =>
  conceptsOf(`${item.name} ${item.category ?? ''} ${item.description ?? ''} ${item.allergens.join(' ')}`)

const matchesAny = (concepts: Set<string>, key: string) => lexicon.synonyms(key).some((k) => concepts.has(k))

/** Whether the item's record holds the ingredient: "tree nuts" lists nut; "roasted peanuts" has nut. */
export function recordsIngredient(item: MenuItem, key: string): boolean {
  if (listsAllergen(item, key)) return true
  if (item.allergens.some((allergen) => words(allergen).map(stem).includes(key))) return true
  return matchesAny(allConcepts(item), key)
}

/** What a dish's own words say when it is spicy. */
export const SPICY = /\b(spicy|hot|chil(?:i|li|e)s?|fiery|jalapenos?|sriracha|harissa|arrabbiata|diavola|vindaloo)\b/

const COLD_MARKS = ['iced', 'ice', 'chilled', 'cold', 'frozen', 'juice', 'soda', 'lemonade', 'smoothie', 'shake']
const HOT_MARKS = ['hot', 'steamed', 'warm', 'brewed', 'pot', 'espresso', 'latte', 'coffee', 'tea', 'chai', 'cocoa']

function temperatureOf(item: MenuItem): 'hot' | 'cold' | null {
  const text = words(`${item.name} ${item.description ?? ''}`).map(stem)
  if (COLD_MARKS.some((mark) => text.includes(stem(mark)))) return 'cold'
  if (HOT_MARKS.some((mark) => text.includes(stem(mark)))) return 'hot'
  return null
}

/** Kinds of dish served hot or cold whatever their words say ("beetroot broth", "hunter's stew", "sorbet"). */
const KINDS_SERVED: [string, 'hot' | 'cold'][] = [
  ['soup', 'hot'],
  ['stew', 'hot'],
  ['frozen dessert', 'cold'],
  ['salad', 'cold'],
]

/** Where a description stops saying what the dish is and starts on what comes with it ("cutlet with … salad"). */
const ACCOMPANIMENT = new Set(['with', 'and', 'of', 'in', 'on', 'served', 'topped', 'plus'])

/** A dish's temperature: its own words ("iced", "served warm"), else WordNet's kinds of what it is (broth → soup). */
function servedAt(item: MenuItem): 'hot' | 'cold' | null {
  const marked = temperatureOf(item)
  if (marked) return marked
  const knowledge = wordKnowledge()
  const described = words(item.description ?? '')
  const end = described.findIndex((word) => ACCOMPANIMENT.has(word))
  const head = end < 0 ? described : described.slice(0, end)
  for (const word of [...words(`${item.name} ${item.category ?? ''}`), ...head]) {
    const kinds = [stem(word), ...knowledge.kinds(word)]
    const served = KINDS_SERVED.find(([kind]) => kinds.includes(kind))
    if (served) return served[1]
  }
  return null
}

const isDrink = (item: MenuItem) =>
  matchesAny(kindConcepts(item), 'drink') || /drink|beverage/i.test(item.category ?? '')

/** The topic words that name kinds of dishes on this menu; words that name none are not a topic here. */
export function topicMatches(item: MenuItem, topic: { key: string }[]): boolean {
  const concepts = kindConcepts(item)
  return topic.every((term) => matchesAny(concepts, term.key))
}

export type FilterResult = {
  items: MenuItem[]
  /** Items that pass only because their recorded allergens do not list an allergen-based diet ("dairy-free"). */
  unmarked: boolean
}

const DIET_ALLERGENS: Record<string, string> = { 'gluten-free': 'gluten', 'dairy-free': 'dairy', 'nut-free': 'nut' }

export function filterMenu(items: MenuItem[], constraints: Constraints, diets: DietIntent[]): FilterResult {
  const base = items.filter(
    (item) =>
      (constraints.topic.length === 0 || topicMatches(item, constraints.topic)) &&
      (constraints.maxPrice === null || item.price <= constraints.maxPrice) &&
      !constraints.notKinds.some((kind) => matchesAny(kindConcepts(item), kind)) &&
      !constraints.without.some((term) => recordsIngredient(item, term.key)) &&
      (constraints.temperature === null ||
        (constraints.temperatureOf === 'drinks'
          ? isDrink(item) && temperatureOf(item) === constraints.temperature
          : servedAt(item) === constraints.temperature)) &&
      (!constraints.spicy || (!isDrink(item) && SPICY.test(words(`${item.name} ${item.description ?? ''}`).join(' ')))),
  )
  base.sort((a, b) => a.position - b.position)
  const tagged = base.filter((item) => satisfiesDiets(item, diets))
  if (tagged.length > 0 || diets.length === 0) return { items: tagged, unmarked: false }
  // "Which mains are dairy free" where nothing is tagged: what does not list the allergen, said as such.
  const allergens = diets.map((diet) => lookUp(DIET_ALLERGENS, diet.tag))
  if (allergens.some((a) => !a)) return { items: [], unmarked: false }
  const unlisted = base.filter((item) => !allergens.some((allergen) => recordsIngredient(item, allergen!)))
  return { items: unlisted, unmarked: true }
}

const priced = (item: MenuItem) => `${item.name} (${priceOf(item)})`

/** "hot drinks"; "warm options" for anything served warm (a soup, a stew, a tea). */
const temperatureLabel = ({ temperature, temperatureOf }: Constraints) =>
  temperatureOf === 'drinks' ? `${temperature} drinks` : `${temperature === 'hot' ? 'warm' : 'cold'} options`

/** "vegan options other than drinks under $10": the constraints, said back in plain words. */
function describeConstraints(
  constraints: Constraints,
  diets: DietIntent[],
  items: MenuItem[],
  topicWords: string,
  currency: string,
) {
  const categories = [...new Set(items.map((item) => item.category).filter(Boolean))] as string[]
  const kind =
    constraints.temperature !== null
      ? temperatureLabel(constraints)
      : topicWords
        ? categories.length === 1 && topicMatches({ ...items[0]!, name: '' }, constraints.topic)
          ? categories[0]!.toLowerCase()
          : topicWords
        : 'options'
  const diet = [constraints.spicy ? 'spicy' : '', ...diets.map((d) => d.tag)].filter(Boolean)
  const dietLabel = diet.length > 0 ? `${joinList(diet)} ` : ''
  const qualifiers = [
    constraints.notKinds.length > 0 ? `other than ${joinList(constraints.notKinds.map(pluralOf))}` : '',
    constraints.without.length > 0 ? `without ${joinList(constraints.without.map((t) => t.text))}` : '',
    constraints.maxPrice !== null ? `at ${speakPrice(constraints.maxPrice, currency)} or less` : '',
  ].filter(Boolean)
  return `${dietLabel}${kind}${qualifiers.length > 0 ? ` ${qualifiers.join(' ')}` : ''}`
}

const SINGULAR: Record<string, string> = {
  options: 'option',
  drinks: 'drink',
  dishes: 'dish',
  mains: 'main',
  desserts: 'dessert',
  cakes: 'cake',
  curries: 'curry',
  noodles: 'noodle dish',
}
/** "vegan options at $5 or less" → "vegan option at $5 or less". */
const singular = (what: string) =>
  what.replace(/\b(options|drinks|dishes|mains|desserts|cakes|curries|noodles)\b/, (noun) => SINGULAR[noun]!)

/** "Drunken Noodles" don't; "Hummus" doesn't. */
const isPlural = (name: string) => /[^su]s$/i.test(name.trim())

const pluralOf = (word: string) => (/(s|sh|ch|x)$/.test(word) ? `${word}es` : `${word}s`)

const ALLERGY_ADVICE = ' Please mention any allergy when you order; the kitchen can confirm.'

/** One spoken line for a constrained list. */
export function constrainedAnswer(
  result: FilterResult,
  constraints: Constraints,
  diets: DietIntent[],
  topicWords: string,
  currency: string,
): string {
  const what = describeConstraints(constraints, diets, result.items, topicWords, currency)
  const allergenAsked = constraints.without.length > 0 || result.unmarked
  const advice = allergenAsked ? ALLERGY_ADVICE : ''
  // A menu that never says how dishes are served is silent on it, not without warm food.
  if (result.items.length === 0 && constraints.temperatureOf === 'anything' && constraints.temperature)
    return `The menu doesn't say which dishes are served ${constraints.temperature === 'hot' ? 'warm' : 'cold'}.`
  if (result.items.length === 0) return `Sorry, we don't have any ${what}.${advice}`
  const named = result.items.slice(0, MAX_LISTED)
  const more = result.items.length - named.length
  const list = `${joinList(named.map(priced))}${more > 0 ? `, and ${more} more` : ''}`
  if (result.unmarked) {
    const tags = joinList(diets.map((d) => d.tag))
    const allergens = joinList(diets.map((d) => lookUp(DIET_ALLERGENS, d.tag)!))
    const verb = result.items.length === 1 && !isPlural(result.items[0]!.name) ? "doesn't" : "don't"
    return `Nothing there is marked ${tags}, but ${list} ${verb} list ${allergens} among the allergens.${advice}`
  }
  if (constraints.without.length > 0) {
    const verb = result.items.length === 1 && !isPlural(result.items[0]!.name) ? "doesn't" : "don't"
    const allergens = joinList(constraints.without.map((t) => t.text))
    const kind = what.replace(/ without .*$/, '')
    return `Of our ${kind}, ${list} ${verb} list ${allergens} in the allergens or description.${advice}`
  }
  if (more > 0)
    return (
      `We have ${result.items.length} ${what}, including ${joinList(named.map(priced))}. ` +
      'Would you like to hear more?'
    )
  if (named.length === 1) return `Our only ${singular(what)} is the ${priced(named[0]!)}.`
  return `Our ${what} are ${list}.`
}

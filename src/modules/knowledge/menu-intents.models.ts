import { lexicon } from '../../infra/embeddings/food-lexicon.ts'
import { fold, stem, words } from '../../infra/embeddings/text-analysis.ts'
import type { MenuItemMetadata } from './knowledge-documents.models.ts'

// Dietary and allergen questions are answered from the structured tags the restaurant recorded,
// never from a description's wording.

type Diet = { tag: string; phrases: string[]; satisfiedBy: string[] }

/** Common diets; any other tag a restaurant records ("keto") is recognised by its own words. */
const DIETS: Diet[] = [
  {
    tag: 'vegetarian',
    phrases: ['vegetarian', 'veggie', 'meatless', 'meat free', 'no meat', 'without meat'],
    satisfiedBy: ['vegetarian', 'vegan'],
  },
  { tag: 'vegan', phrases: ['vegan', 'plant based', 'plantbased'], satisfiedBy: ['vegan'] },
  {
    tag: 'gluten-free',
    phrases: ['gluten free', 'glutenfree', 'celiac', 'coeliac', 'no gluten', 'without gluten', 'wheat free'],
    satisfiedBy: ['gluten-free', 'gf'],
  },
  {
    tag: 'dairy-free',
    phrases: ['dairy free', 'non dairy', 'nondairy', 'lactose free', 'no dairy', 'without dairy'],
    satisfiedBy: ['dairy-free', 'vegan'],
  },
  { tag: 'nut-free', phrases: ['nut free', 'no nuts', 'without nuts'], satisfiedBy: ['nut-free'] },
  { tag: 'pescatarian', phrases: ['pescatarian', 'pescetarian'], satisfiedBy: ['pescatarian', 'vegetarian', 'vegan'] },
  { tag: 'halal', phrases: ['halal'], satisfiedBy: ['halal'] },
  { tag: 'kosher', phrases: ['kosher'], satisfiedBy: ['kosher'] },
]

/** "Gluten Free", "gluten-free" and "GLUTEN_FREE" are the same tag. */
export const normalizeTag = (tag: string) => words(tag).join('-')

const contains = (haystack: string[], needle: string[]) =>
  haystack.some((_, i) => needle.every((word, j) => haystack[i + j] === word))

export type DietIntent = { tag: string; satisfiedBy: string[]; words: string[] }

/** The diets a question asks for, and the words that asked (left out of the topic). */
export function detectDiets(query: string, recordedTags: string[]): DietIntent[] {
  const queryWords = words(query)
  const found: DietIntent[] = []
  for (const diet of DIETS) {
    const phrase = diet.phrases.map(words).find((p) => contains(queryWords, p))
    if (phrase) found.push({ tag: diet.tag, satisfiedBy: diet.satisfiedBy, words: phrase })
  }
  const known = new Set(DIETS.flatMap((diet) => diet.satisfiedBy))
  for (const tag of new Set(recordedTags.map(normalizeTag))) {
    if (known.has(tag) || found.some((f) => f.tag === tag)) continue
    const tagWords = tag.split('-')
    if (contains(queryWords, tagWords)) found.push({ tag, satisfiedBy: [tag], words: tagWords })
  }
  // "vegan" already implies "vegetarian" when both were heard ("vegan, so vegetarian is fine").
  return found
}

export const satisfiesDiets = (item: MenuItemMetadata, diets: DietIntent[]) => {
  const tags = item.dietary.map(normalizeTag)
  return diets.every((diet) => diet.satisfiedBy.some((tag) => tags.includes(tag)))
}

const ALLERGY_WORDS = new RegExp(
  String.raw`\b(allergic|allergy|allergies|allergen|allergens|intolerant|intolerance|avoid|sensitive|` +
    String.raw`cant eat|cannot eat|cant have|celiac|coeliac)\b`,
)
const CONTAINS_WORDS =
  /\b(avoid|contain|contains|containing|which have|that have|have any|has|with|in it|in them|stay away)\b/
const ALLERGENS = [
  'shellfish',
  'fish',
  'seafood',
  'nut',
  'peanut',
  'tree nut',
  'dairy',
  'milk',
  'lactose',
  'egg',
  'gluten',
  'wheat',
  'soy',
  'sesame',
  'mustard',
  'celery',
  'sulfite',
  'sulphite',
  'lupin',
  'mollusc',
  'crustacean',
  'corn',
  'garlic',
  'onion',
].map((a) => words(a).map(stem).join(' '))

export type AllergenIntent = { allergens: string[]; mode: 'contains' | 'free-of'; words: string[] }

/** "I'm allergic to shellfish, what should I avoid" → shellfish, list what contains it. */
export function detectAllergen(
  query: string,
  recordedAllergens: string[],
  terms: { key: string; text: string }[],
): AllergenIntent | null {
  const text = words(query).join(' ')
  if (!ALLERGY_WORDS.test(text)) return null
  const recorded = new Set(recordedAllergens.map((a) => words(a).map(stem).join(' ')))
  const allergenTerms = terms.filter(
    (term) =>
      ALLERGENS.includes(term.key) ||
      recorded.has(term.key) ||
      lexicon.ancestors(term.key).some((up) => ALLERGENS.includes(up)),
  )
  if (allergenTerms.length === 0) return null
  return {
    allergens: allergenTerms.map((term) => term.key),
    mode: CONTAINS_WORDS.test(text) ? 'contains' : 'free-of',
    words: [
      ...allergenTerms.flatMap((term) => term.text.split(' ')),
      ...(text.match(ALLERGY_WORDS)?.[0]?.split(' ') ?? []),
    ],
  }
}

/**
 * Whether the item's recorded allergens include the allergen, or a kind of it (shrimp for shellfish),
 * or a concept above it.
 */
export function listsAllergen(item: MenuItemMetadata, allergen: string): boolean {
  const asked = new Set(lexicon.synonyms(allergen))
  return item.allergens.some((recorded) => {
    const key = words(recorded).map(stem).join(' ')
    return (
      asked.has(key) || lexicon.ancestors(key).some((up) => asked.has(up)) || lexicon.ancestors(allergen).includes(key)
    )
  })
}

/** The allergen as a caller said it, for the answer ("shellfish"). */
export const allergenLabel = (intent: AllergenIntent, query: string) => {
  const spoken = words(query)
  return intent.allergens.map((key) => spoken.find((word) => stem(word) === key || fold(word) === key) ?? key)
}

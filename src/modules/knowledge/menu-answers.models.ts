import { lexicon } from '../../infra/embeddings/food-lexicon.ts'
import { GENERIC_WORDS, STOPWORDS, stem, words } from '../../infra/embeddings/text-analysis.ts'
import type { SearchRow } from './knowledge.repository.ts'
import type { ToolAnswer } from './knowledge.types.ts'
import type { MenuItemMetadata } from './knowledge-documents.models.ts'
import type { SearchMode } from './knowledge-search.usecases.ts'
import { allergenAboutDish, comesClose, factsOf, namedDishes, superlativeAnswer } from './menu-evidence.models.ts'
import {
  type AllergenIntent,
  allergenLabel,
  type DietIntent,
  detectAllergen,
  detectDiets,
  listsAllergen,
  normalizeTag,
  satisfiesDiets,
} from './menu-intents.models.ts'
import { understandMenuQuestion } from './menu-understanding.models.ts'
import { optionsByEffect } from './modifier-effects.models.ts'
import {
  coverage,
  profileDocument,
  profileQuery,
  type QueryProfile,
  RELATIVE_FLOOR,
  RELEVANCE_FLOOR,
} from './relevance.models.ts'
import { joinList, oneLine, priceOf, speakableDescription } from './speech.models.ts'

/** A caller can only take in a few dishes at once; reading the whole menu back is not an answer. */
export const MAX_NAMED = 5
export const MAX_ALTERNATIVES = 3

export type AnswerKind = 'menu' | 'modifiers'
type Item = MenuItemMetadata & { id: string; currency: string }
type Scored = { item: Item; coverage: number; related: number; score: number }

const toItem = (row: SearchRow, currency: string): Item => ({
  id: row.sourceId,
  currency,
  name: row.title,
  description: null,
  price: 0,
  category: null,
  available: true,
  dietary: [],
  allergens: [],
  position: 0,
  ...row.metadata,
})

/** `items` are `rows` read as dishes or options, in the same order. */
function score(query: QueryProfile, rows: SearchRow[], items: Item[]): Scored[] {
  const profiles = items.map((item) =>
    profileDocument(
      item.name,
      [item.description, item.category, ...item.dietary, ...item.allergens].filter(Boolean).join('. '),
    ),
  )
  const covered = coverage(query, profiles)
  return items
    .map((item, i) => {
      const c = covered[i]!
      const row = rows[i]!
      // Coverage decides; the name, the embedding and the full-text rank order what it ties.
      const total = c.coverage + 0.15 * c.inName + 0.1 * row.vectorScore + 0.05 * row.textScore + 0.05 * row.nameScore
      return { item, coverage: c.coverage, related: c.related, score: total }
    })
    .sort((a, b) => b.score - a.score || a.item.position - b.item.position)
}

/** The relevant candidates: the best by score, then as the menu orders them where they cover the question equally. */
function relevant(scored: Scored[]): Scored[] {
  const best = scored[0]?.coverage ?? 0
  const kept = scored.filter((s) => s.coverage > RELEVANCE_FLOOR && s.coverage >= best * RELATIVE_FLOOR)
  const shown = new Set(kept.slice(0, MAX_NAMED))
  const rank = (s: Scored) => (shown.has(s) ? 0 : 1)
  return kept.sort(
    (a, b) => rank(a) - rank(b) || Math.round(100 * (b.coverage - a.coverage)) || a.item.position - b.item.position,
  )
}

const byPosition = (a: Scored, b: Scored) => a.item.position - b.item.position
/** Partial matches ("Pad Thai" for "pad see ew") and relatives from the lexicon first, then by score. */
const byCloseness = (a: Scored, b: Scored) => b.coverage + b.related - (a.coverage + a.related) || b.score - a.score

/**
 * Every searched item, closest first to what the caller named, as the menu tool ranks its
 * alternatives: words and lexicon relatives shared, then meaning (the embedding), spelling and sound.
 */
export function rankClosest(query: string, rows: SearchRow[]): { name: string; available: boolean }[] {
  // Names only: no price is spoken from this ranking, so the currency does not matter.
  return score(
    profileQuery(query),
    rows,
    rows.map((row) => toItem(row, 'USD')),
  )
    .sort(byCloseness)
    .map(({ item }) => ({ name: item.name, available: item.available !== false }))
}

function tagsOf(item: Item, kind: AnswerKind, asked: string[]): string[] {
  if (kind === 'modifiers') return []
  const tags = item.dietary.filter((tag) => !asked.includes(normalizeTag(tag)))
  if (item.allergens.length > 0) tags.push(`contains ${joinList(item.allergens)}`)
  if (!item.available) tags.push('currently unavailable')
  return tags
}

/** "Salade Nicoise ($16, gluten-free): seared tuna, green beans…" */
function describe(item: Item, kind: AnswerKind, withDescription: boolean, asked: string[] = []): string {
  const price = kind === 'modifiers' && item.price === 0 ? 'no extra charge' : priceOf(item)
  const details = [price, ...tagsOf(item, kind, asked)].join(', ')
  const description = withDescription ? speakableDescription(item.description) : ''
  return `${item.name} (${details})${description ? `: ${description}` : ''}`
}

function single(item: Item, kind: AnswerKind, yesNo: boolean): string {
  const description = speakableDescription(item.description)
  const tail = description ? `: ${description}.` : '.'
  if (!item.available)
    return `The ${priced(item)} ${isPlural(item.name) ? 'are' : 'is'} on the menu but not available right now${tail}`
  const price = item.price === 0 ? (kind === 'modifiers' ? 'at no extra charge' : 'free') : priceOf(item)
  const lead =
    kind === 'modifiers'
      ? `${yesNo ? 'Yes, we' : 'We'} offer ${item.name}${item.price === 0 ? ` ${price}` : ` for ${price}`}${tail}`
      : `${yesNo ? 'Yes, the' : 'The'} ${item.name} ${isPlural(item.name) ? 'are' : 'is'} ${price}${tail}`
  const dietary = kind === 'menu' && item.dietary.length > 0 ? ` It is ${joinList(item.dietary)}.` : ''
  const allergens = kind === 'menu' && item.allergens.length > 0 ? ` Allergens: ${joinList(item.allergens)}.` : ''
  return lead + dietary + allergens
}

/** One item in detail, up to three with descriptions, then names and prices only. */
function listAnswer(
  items: Item[],
  total: number,
  kind: AnswerKind,
  { yesNo, label, asked = [] }: { yesNo: boolean; label?: string; asked?: string[] },
): string {
  if (items.length === 1 && total === 1) return single(items[0]!, kind, yesNo)
  const named = items.slice(0, MAX_NAMED)
  const parts = named.map((item) => describe(item, kind, named.length <= 3, asked))
  const what = label ? `${label} options` : kind === 'menu' ? 'options' : 'add-ons'
  const intro =
    total > named.length
      ? `We have ${total} ${what}, including`
      : `We have ${total === 2 ? 'two' : total === 3 ? 'three' : total} ${what}:`
  const body = named.length <= 3 ? joinList(parts, 'and', '; ') : joinList(parts)
  return `${intro} ${body}.${total > named.length ? ' Would you like to hear more?' : ''}`
}

/** Words that join a dish's name ("fish and chips", "burger with bacon", "coq au vin"). */
const JOINERS = new Set(['and', 'with', 'of', 'n'])
/** Generic words that still belong at the head of a subject ("extra onions", "side of fries"). */
const QUALIFIERS = new Set(['extra', 'side', 'double'])
const isSubjectWord = (word: string) => !STOPWORDS.has(word)
const isTopicWord = (word: string) => !STOPWORDS.has(word) && !GENERIC_WORDS.has(stem(word))

/**
 * The thing asked for, said briefly: "do you have a cheeseburger" → "a cheeseburger". Never the
 * caller's whole sentence: the run of content words that names food (else the last run), and for
 * an option, not the dish it is for ("my gyro with extra onions on the side" → "extra onions").
 */
export function subjectOf(query: string, { dropPossessed = false } = {}): string {
  const all = words(query)
  const kept = dropPossessed
    ? all.map((word, i) => (['my', 'our', 'his', 'her'].includes(all[i - 1] ?? '') ? '' : word))
    : all
  const runs: { start: number; end: number }[] = []
  for (let i = 0; i < kept.length; i++) {
    if (!kept[i] || !isSubjectWord(kept[i]!)) continue
    const last = runs.at(-1)
    const joined = last && last.end === i - 1 && JOINERS.has(kept[i - 1]!)
    if (last && (last.end === i || joined)) last.end = i + 1
    else runs.push({ start: i, end: i + 1 })
  }
  const names = (run: { start: number; end: number }) => kept.slice(run.start, run.end)
  // Generic words ("side", "extra") belong to a subject but are not one alone.
  for (const run of runs) {
    while (run.end > run.start && !isTopicWord(kept[run.end - 1]!)) run.end--
    while (run.start < run.end && !isTopicWord(kept[run.start]!) && !QUALIFIERS.has(kept[run.start]!)) run.start++
  }
  runs.splice(0, runs.length, ...runs.filter((run) => names(run).some(isTopicWord)))
  if (runs.length === 0) return 'that'
  const food = runs.filter((run) => names(run).some((word) => lexicon.knows(stem(word))))
  const run = (food.length > 0 ? food : runs).at(-1)!
  const article = ['a', 'an', 'any', 'some'].includes(all[run.start - 1] ?? '') ? `${all[run.start - 1]} ` : ''
  return article + names(run).join(' ')
}

/** "Pad Thai ($14)": an item named with its price. */
const priced = (item: Item) => `${item.name} (${priceOf(item)})`

/** "The Escargots are…": a name ending in a plural noun. */
const isPlural = (name: string) => /[^su]s$/i.test(name.trim())

const isYesNo = (query: string) =>
  /^(do|does|is|are|can|could|have|has|would|will|may)\b/.test(
    words(query)
      .join(' ')
      .replace(/^(hi|hello|hey|so|and|um|uh|ok|okay|yes|well|oh) /, ''),
  )

const answer = (
  result: string,
  kind: AnswerKind,
  match: string,
  mode: SearchMode,
  items: Item[],
  unanswered = false,
): ToolAnswer => ({
  result: oneLine(result),
  metadata: {
    category: kind,
    match,
    search_mode: mode,
    items: items.map(({ id, name, price, available, category, dietary, allergens }) =>
      kind === 'menu' ? { id, name, price, available, category, dietary, allergens } : { id, name, price },
    ),
  },
  ...(unanswered ? { unanswered: true } : {}),
})

function notFound(
  query: string,
  kind: AnswerKind,
  mode: SearchMode,
  alternatives: Item[],
  { prefix = '', candidates = [] as Item[] } = {},
): ToolAnswer {
  const subject = subjectOf(query, { dropPossessed: kind === 'modifiers' })
  // Evidence, not a verdict: a dish that is the thing asked for spelt or heard another way is the answer.
  const said = words(subject).filter((word) => !['a', 'an', 'any', 'some'].includes(word))
  const close =
    said.length > 0
      ? candidates
          .filter((item) => comesClose(said, item, { foreignNames: kind === 'menu' }))
          .slice(0, MAX_ALTERNATIVES)
      : []
  if (close.length > 0)
    return answer(`Closest on our menu: ${close.map(factsOf).join(' ')}`, kind, 'close', mode, close)
  const where = kind === 'menu' ? 'on the menu' : 'as an option'
  const suggestion = alternatives.length > 0 ? ` You might like ${joinList(alternatives.map(priced), 'or')}.` : ''
  return answer(
    `Sorry, we don't have ${prefix}${subject} ${where}.${suggestion}`,
    kind,
    'none',
    mode,
    alternatives,
    true,
  )
}

function overview(scored: Scored[], kind: AnswerKind, mode: SearchMode): ToolAnswer {
  const items = [...scored].sort(byPosition).map((s) => s.item)
  if (items.length === 0)
    return answer(
      `Sorry, I don't have the ${kind === 'menu' ? 'menu' : 'list of options'} right now.`,
      kind,
      'none',
      mode,
      [],
      true,
    )
  const categories = [...new Set(items.map((item) => item.category).filter(Boolean))] as string[]
  if (kind === 'menu' && categories.length > 1) {
    const examples = categories.slice(0, 3).map((c) => items.find((item) => item.category === c)!)
    const sections = joinList(categories.map((c) => c.toLowerCase()))
    const described = joinList(examples.map((item) => describe(item, kind, false)))
    const text = `Our menu has ${sections}. For example: ${described}. What would you like to know more about?`
    return answer(text, kind, 'overview', mode, examples)
  }
  return answer(
    listAnswer(items, items.length, kind, { yesNo: false }),
    kind,
    'overview',
    mode,
    items.slice(0, MAX_NAMED),
  )
}

function dietAnswer(
  query: string,
  profile: QueryProfile,
  scored: Scored[],
  diets: DietIntent[],
  mode: SearchMode,
): ToolAnswer {
  const label = joinList(diets.map((diet) => diet.tag))
  const asked = diets.map((diet) => diet.tag)
  const tagged = scored.filter((s) => satisfiesDiets(s.item, diets))
  const hasTopic = profile.terms.some((term) => !term.generic)
  if (!hasTopic) {
    if (tagged.length === 0)
      return answer(`Sorry, nothing on our menu is marked ${label}.`, 'menu', 'none', mode, [], true)
    const items = [...tagged].sort(byPosition).map((s) => s.item)
    return answer(
      listAnswer(items, items.length, 'menu', { yesNo: false, label, asked }),
      'menu',
      'diet',
      mode,
      items.slice(0, MAX_NAMED),
    )
  }
  const matches = relevant(tagged)
  if (matches.length > 0) {
    const items = matches.map((s) => s.item)
    return answer(
      listAnswer(items, items.length, 'menu', { yesNo: isYesNo(query), label, asked }),
      'menu',
      'diet',
      mode,
      items.slice(0, MAX_NAMED),
    )
  }
  const alternatives = [...tagged]
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_ALTERNATIVES)
    .map((s) => s.item)
  const untagged = relevant(scored)
  if (untagged.length > 0) {
    const names = joinList(untagged.slice(0, MAX_ALTERNATIVES).map((s) => s.item.name))
    const others = alternatives.length > 0 ? ` Our ${label} options include ${joinList(alternatives.map(priced))}.` : ''
    const verb = untagged.length === 1 ? 'is' : 'are'
    return answer(`The ${names} ${verb} not marked ${label} on our menu.${others}`, 'menu', 'diet', mode, [
      ...untagged.slice(0, 2).map((s) => s.item),
      ...alternatives,
    ])
  }
  return notFound(query, 'menu', mode, alternatives, { candidates: scored.map((s) => s.item) })
}

function allergenAnswer(query: string, scored: Scored[], intent: AllergenIntent, mode: SearchMode): ToolAnswer {
  const label = joinList(allergenLabel(intent, query))
  const advice =
    ' Please tell your server about the allergy when you order; the kitchen can confirm what each dish contains.'
  const listing = scored
    .filter((s) => intent.allergens.some((allergen) => listsAllergen(s.item, allergen)))
    .map((s) => s.item)
    .sort((a, b) => a.position - b.position)
  if (intent.mode === 'contains') {
    if (listing.length === 0)
      return answer(
        `None of our dishes list ${label} as an allergen, but I can't promise anything is free of it.${advice}`,
        'menu',
        'allergen',
        mode,
        [],
      )
    const named = listing.slice(0, MAX_NAMED)
    const verb = named.length === 1 ? 'lists' : 'list'
    const more = listing.length > named.length ? `, and ${listing.length - named.length} more` : ''
    return answer(
      `${joinList(named.map(priced))}${more} ${verb} ${label} as an allergen.${advice}`,
      'menu',
      'allergen',
      mode,
      named,
    )
  }
  const others = scored
    .filter((s) => !listing.includes(s.item))
    .sort(byPosition)
    .map((s) => s.item)
  const named = others.slice(0, MAX_NAMED)
  const listVerb = listing.length === 1 ? 'lists' : 'list'
  const avoid =
    listing.length > 0 ? ` ${joinList(listing.slice(0, 3).map((item) => item.name))} ${listVerb} ${label}.` : ''
  const text =
    named.length > 0
      ? `These dishes don't list ${label} among their allergens: ${joinList(named.map(priced))}.${avoid}${advice}`
      : `Every dish on our menu lists ${label}.${advice}`
  return answer(text, 'menu', 'allergen', mode, named)
}

/** The spoken answer to a menu or modifier question, from the candidates of a hybrid search. */
export function composeAnswer({
  query,
  rows,
  kind,
  mode,
  currency,
}: {
  query: string
  rows: SearchRow[]
  kind: AnswerKind
  mode: SearchMode
  /** The restaurant's ISO 4217 currency: every price is spoken in it. */
  currency: string
}): ToolAnswer {
  const items = rows.map((row) => toItem(row, currency))
  if (kind === 'menu') {
    const evidence = allergenAboutDish(query, items) ?? superlativeAnswer(query, items)
    if (evidence) return answer(evidence.text, kind, 'evidence', mode, evidence.items)
    const several = namedDishes(query, items).slice(0, MAX_NAMED)
    if (several.length > 1) return answer(several.map(factsOf).join(' '), kind, 'found', mode, several)
    const understood = understandMenuQuestion(query, items)
    if (understood?.frame === 'named')
      return answer(single(understood.item, kind, isYesNo(query)), kind, 'found', mode, [understood.item])
    if (understood) return answer(understood.text, kind, understood.frame, mode, understood.items)
  } else {
    const byEffect = optionsByEffect(query, items)
    if (byEffect && byEffect.length > 0) {
      const found = byEffect.map((i) => items[i]!)
      return answer(
        listAnswer(found, found.length, kind, { yesNo: isYesNo(query) }),
        kind,
        'effect',
        mode,
        found.slice(0, MAX_NAMED),
      )
    }
  }
  const diets =
    kind === 'menu'
      ? detectDiets(
          query,
          items.flatMap((item) => item.dietary),
        )
      : []
  const plain = profileQuery(query)
  const allergen =
    kind === 'menu'
      ? detectAllergen(
          query,
          items.flatMap((item) => item.allergens),
          plain.terms,
        )
      : null
  const profile = allergen
    ? profileQuery(query, { ignore: allergen.words })
    : profileQuery(query, { ignore: diets.flatMap((d) => d.words) })
  const scored = score(profile, rows, items)
  if (allergen) return allergenAnswer(query, scored, allergen, mode)
  if (diets.length > 0) return dietAnswer(query, profile, scored, diets, mode)
  if (!profile.terms.some((term) => !term.generic)) return overview(scored, kind, mode)
  const matches = relevant(scored)
  if (matches.length > 0) {
    const found = matches.map((s) => s.item)
    const listed = answer(
      listAnswer(found, found.length, kind, { yesNo: isYesNo(query) }),
      kind,
      'found',
      mode,
      found.slice(0, MAX_NAMED),
    )
    // How much of the question the best item covers: an FAQ that covers all of it answers instead.
    return { ...listed, metadata: { ...listed.metadata, coverage: Math.min(1, matches[0]!.coverage) } }
  }
  // Partial matches ("Pad Thai" for "pad see ew") first, then relatives from the lexicon
  // ("lobster" → a shellfish stew).
  const alternatives = scored.filter((s) => s.coverage > 0 || s.related > 0).sort(byCloseness)
  return notFound(
    query,
    kind,
    mode,
    alternatives.slice(0, MAX_ALTERNATIVES).map((s) => s.item),
    { candidates: items },
  )
}

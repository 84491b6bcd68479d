import type { KnowledgeSearch } from '../knowledge/knowledge-search.usecases.ts'
import { rankClosest } from '../knowledge/menu-answers.models.ts'
import { availabilityAt } from '../knowledge/sold-out.models.ts'
import { type CatalogItem, isOrderable, MAX_ALTERNATIVES, unknownItem } from './order-pricing.models.ts'
import type { Refusal } from './order-refusals.models.ts'

// A dish the menu lacks: the caller hears up to three items they can order instead, the closest
// in meaning or sound, ranked the way get_menu_info ranks its alternatives.

export type AlternativesLogger = { warn(object: Record<string, unknown>, message: string): void }

/**
 * The unknown_item refusal again, naming the closest orderable items: first by the menu search
 * (meaning, words, spelling and sound), then by spelling alone (what pricing found), then in the
 * menu's order, so that the caller always hears something real to choose. Only items on the
 * catalog and orderable now are named, whatever the search index still holds.
 */
export async function offerClosestItems({
  refusal,
  search,
  restaurantId,
  items,
  now,
  logger,
}: {
  refusal: Refusal
  search?: KnowledgeSearch['search']
  restaurantId: string
  items: CatalogItem[]
  now: Date
  logger?: AlternativesLogger
}): Promise<Refusal> {
  const spoken = refusal.details?.item
  if (refusal.refusal !== 'unknown_item' || typeof spoken !== 'string') return refusal
  const orderable = new Set(items.filter((item) => isOrderable(item, now)).map((item) => item.name))
  let ranked: string[] = []
  if (search) {
    try {
      const found = await search({ restaurantId, category: 'menu', query: spoken })
      ranked = rankClosest(spoken, availabilityAt(found.rows, now).rows).flatMap((item) =>
        item.available ? [item.name] : [],
      )
    } catch (error) {
      logger?.warn({ err: error, restaurantId }, 'menu search failed; offering alternatives by spelling')
    }
  }
  const bySpelling = Array.isArray(refusal.details?.closest) ? (refusal.details.closest as string[]) : []
  const closest = [...new Set([...ranked, ...bySpelling, ...orderable])]
    .filter((name) => orderable.has(name))
    .slice(0, MAX_ALTERNATIVES)
  return unknownItem(spoken, closest)
}

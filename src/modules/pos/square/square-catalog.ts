import type { Square } from 'square'
import type { PosCatalog, PosItem, PosModifier, PosSkipped } from '../pos.types.ts'

/** The object types a restaurant's menu is made of; any other type is reported, not imported. */
const KNOWN_TYPES = new Set(['ITEM', 'ITEM_VARIATION', 'CATEGORY', 'MODIFIER_LIST', 'MODIFIER'])
/** Types that have nothing to say to a caller: skipped without a report. */
const IGNORED_TYPES = new Set(['IMAGE', 'TAX', 'DISCOUNT', 'MEASUREMENT_UNIT', 'PRICING_RULE', 'PRODUCT_SET'])

const cents = (money: Square.Money | undefined) =>
  money?.amount === undefined || money.amount === null ? undefined : Number(money.amount)

/** A variation's price and sold-out state at one location (its location override wins). */
function atLocation(variation: Square.CatalogItemVariation, locationId: string) {
  const override = variation.locationOverrides?.find((entry) => entry.locationId === locationId)
  return {
    priceCents: cents(override?.priceMoney) ?? cents(variation.priceMoney),
    soldOut: override?.soldOut === true,
  }
}

const presentAt = (object: Omit<Square.CatalogObjectBase, 'id'>, locationId: string) =>
  !object.isDeleted &&
  !object.absentAtLocationIds?.includes(locationId) &&
  (object.presentAtAllLocations !== false || (object.presentAtLocationIds ?? []).includes(locationId))

/**
 * Square's catalog (every page of /v2/catalog/list) → our menu items and modifiers at one
 * location. An item with several variations becomes one menu item per variation, "Item (Variation)";
 * a variation without a fixed price or an object of a type we do not know is reported in `skipped`.
 */
export function mapSquareCatalog(objects: Square.CatalogObject[], locationId: string): PosCatalog {
  const skipped: PosSkipped[] = []
  const categories = new Map<string, string>()
  for (const object of objects) {
    if (object.type === 'CATEGORY' && object.id && object.categoryData?.name)
      categories.set(object.id, object.categoryData.name)
    else if (!KNOWN_TYPES.has(object.type) && !IGNORED_TYPES.has(object.type))
      skipped.push({ id: object.id ?? '', type: object.type, reason: `object type ${object.type} is not imported` })
  }
  const items: PosItem[] = []
  const modifiers: PosModifier[] = []
  for (const object of objects) {
    if (!presentAt(object, locationId)) continue
    if (object.type === 'ITEM') items.push(...itemsOf(object, { locationId, categories, skipped }))
    if (object.type === 'MODIFIER_LIST') modifiers.push(...modifiersOf(object, skipped))
  }
  return { items, modifiers, skipped }
}

function itemsOf(
  item: Square.CatalogObject.Item,
  { locationId, categories, skipped }: { locationId: string; categories: Map<string, string>; skipped: PosSkipped[] },
): PosItem[] {
  const data = item.itemData
  if (!data?.name || data.isArchived) return []
  const categoryId = data.categories?.[0]?.id ?? data.categoryId ?? undefined
  const variations = (data.variations ?? []).filter(
    (variation): variation is Square.CatalogObject.ItemVariation =>
      variation.type === 'ITEM_VARIATION' && presentAt(variation, locationId),
  )
  return variations.flatMap((variation) => {
    const { priceCents, soldOut } = atLocation(variation.itemVariationData ?? {}, locationId)
    const variationName = variation.itemVariationData?.name?.trim()
    const name = variations.length > 1 && variationName ? `${data.name} (${variationName})` : data.name!
    if (priceCents === undefined) {
      skipped.push({ id: variation.id, type: 'ITEM_VARIATION', reason: `${name} has no fixed price` })
      return []
    }
    return [
      {
        externalId: variation.id,
        parentId: item.id,
        name,
        description: data.descriptionPlaintext ?? data.description ?? null,
        category: (categoryId && categories.get(categoryId)) || null,
        priceCents,
        available: !soldOut,
      },
    ]
  })
}

function modifiersOf(list: Square.CatalogObject.ModifierList, skipped: PosSkipped[]): PosModifier[] {
  const listName = list.modifierListData?.name ?? ''
  return (list.modifierListData?.modifiers ?? []).flatMap((modifier) => {
    if (modifier.type !== 'MODIFIER' || modifier.isDeleted || !modifier.modifierData?.name) {
      skipped.push({ id: modifier.id ?? '', type: modifier.type, reason: 'not a named modifier' })
      return []
    }
    return [
      {
        externalId: modifier.id,
        parentId: list.id,
        name: modifier.modifierData.name,
        listName,
        // A modifier without a price costs nothing extra (Square's own default).
        priceCents: cents(modifier.modifierData.priceMoney) ?? 0,
      },
    ]
  })
}

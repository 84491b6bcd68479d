import type { OrderLine } from '../../infra/db/schema.ts'
import { speakMoney as speakMoneyIn } from '../../shared/money.ts'
import { normalizePostalCode, postalCodesIn, type Zone, zoneForPostalCode } from '../zones/zones.models.ts'
import { closestNames, matchName } from './order-matching.models.ts'
import { type Refusal, refuse } from './order-refusals.models.ts'
import { listNames } from './order-speech.models.ts'

// Every price comes from the restaurant's own rows, in integer cents: the model never computes one.

export type OrderRequestLine = { name: string; quantity?: number; options?: string[]; notes?: string }
export type OrderRequest = {
  items: OrderRequestLine[]
  fulfillment: 'pickup' | 'delivery'
  postal_code?: string
  pickup_time?: string
}

export type CatalogItem = {
  name: string
  price: number
  category: string | null
  available: boolean
  availableAgainAt: Date | null
}
export type Catalog = {
  items: CatalogItem[]
  modifiers: { name: string; price: number }[]
  zones: Zone[]
  /** A fraction: 0.08875 = 8.875 %. */
  taxRate: number
  /** ISO 4217; USD when not given. */
  currency?: string
}

export type PricedOrder = {
  fulfillment: 'pickup' | 'delivery'
  lines: OrderLine[]
  subtotalCents: number
  deliveryFeeCents: number
  taxCents: number
  totalCents: number
  zone: Zone | null
  postalCode: string | null
  currency: string
}

export const MAX_QUANTITY = 50
export const toCents = (amount: number) => Math.round(amount * 100)
/** Half-up to the cent, on the product rounded to 6 places first so 0.1-style fractions do not drift. */
export const taxOn = (cents: number, rate: number) => Math.round(Number((cents * rate).toFixed(6)))

/** Whether an item can be ordered at `now`: available, or sold out until a time already past. */
export const isOrderable = (item: CatalogItem, now: Date) =>
  item.available || (item.availableAgainAt !== null && item.availableAgainAt <= now)

export const MAX_ALTERNATIVES = 3

/** The refusal of a dish the menu lacks, naming the items offered instead. */
export function unknownItem(spoken: string, closest: string[]): Refusal {
  const offer = closest.length > 0 ? ` The closest we have: ${listNames(closest, 'or')}.` : ''
  return refuse('unknown_item', `Sorry, "${spoken}" is not on our menu.${offer}`, { item: spoken, closest })
}

/** A line's item and options, or why it cannot be priced. */
function priceLine(
  line: OrderRequestLine,
  catalog: Catalog,
  now: Date,
  describeReturn: (at: Date) => string,
): OrderLine | Refusal {
  const names = catalog.items.map((item) => item.name)
  const categories = [...new Set(catalog.items.flatMap((item) => (item.category ? [item.category] : [])))]
  const spoken = String(line.name ?? '').trim()
  const match = matchName(spoken, names, categories)
  if (match.kind === 'ambiguous') {
    const which = listNames(
      match.indexes.map((i) => names[i]!),
      'or',
    )
    return refuse('ambiguous_item', `Which one do you mean by "${spoken}": ${which}?`, { items: which })
  }
  if (match.kind === 'none') {
    // By spelling and sound among what can be ordered now; the order tools rank by meaning too.
    const orderable = catalog.items.filter((item) => isOrderable(item, now)).map((item) => item.name)
    return unknownItem(spoken, closestNames(spoken, orderable, MAX_ALTERNATIVES))
  }
  const item = catalog.items[match.index]!
  if (!isOrderable(item, now)) {
    const back = item.availableAgainAt ? ` It's back ${describeReturn(item.availableAgainAt)}.` : ''
    return refuse('unavailable', `Sorry, the ${item.name} is not available right now.${back}`, { item: item.name })
  }
  const quantity = line.quantity ?? 1
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY)
    return refuse('bad_quantity', `The quantity of ${item.name} must be a whole number from 1 to ${MAX_QUANTITY}.`)
  const options: { name: string; price: number }[] = []
  const modifierNames = catalog.modifiers.map((modifier) => modifier.name)
  for (const option of line.options ?? []) {
    const found = matchName(String(option), modifierNames)
    if (found.kind !== 'found') {
      const offered = modifierNames.length > 0 ? ` Our options are ${listNames(modifierNames, 'and')}.` : ''
      return refuse('unknown_option', `Sorry, we don't have "${option}" as an option for the ${item.name}.${offered}`)
    }
    const modifier = catalog.modifiers[found.index]!
    if (!options.some((o) => o.name === modifier.name)) options.push(modifier)
  }
  const unitPriceCents = toCents(item.price) + options.reduce((sum, o) => sum + toCents(o.price), 0)
  const notes = typeof line.notes === 'string' && line.notes.trim() ? line.notes.trim().slice(0, 300) : undefined
  return {
    name: item.name,
    quantity,
    options: options.map((o) => o.name),
    ...(notes ? { notes } : {}),
    unit_price_cents: unitPriceCents,
    line_total_cents: unitPriceCents * quantity,
  }
}

/** Prices an order, or says exactly what is wrong with it: the first problem found, in order of the lines. */
export function priceOrder({
  request,
  catalog,
  now,
  describeReturn,
}: {
  request: OrderRequest
  catalog: Catalog
  now: Date
  /** "at 6 PM", "tomorrow at 11 AM": when a sold-out item comes back, in the restaurant's time. */
  describeReturn: (at: Date) => string
}): PricedOrder | Refusal {
  if (!Array.isArray(request.items) || request.items.length === 0)
    return refuse('no_items', 'The order has no items yet; tell me what you would like.')
  const lines: OrderLine[] = []
  for (const requested of request.items) {
    const line = priceLine(requested, catalog, now, describeReturn)
    if ('refusal' in line) return line
    lines.push(line)
  }
  const subtotalCents = lines.reduce((sum, line) => sum + line.line_total_cents, 0)
  let zone: Zone | null = null
  let postalCode: string | null = null
  if (request.fulfillment === 'delivery') {
    const spoken = String(request.postal_code ?? '').trim()
    if (!spoken) return refuse('postal_code_needed', 'For delivery I need the postcode of the delivery address.')
    const candidates = postalCodesIn(spoken)[0]?.candidates ?? [normalizePostalCode(spoken)]
    zone = zoneForPostalCode(catalog.zones, candidates) ?? null
    postalCode = normalizePostalCode(spoken)
    if (!zone) {
      const areas = catalog.zones.map((z) => `${z.name} (${z.postalCodes.join(', ')})`)
      const where = areas.length > 0 ? ` We deliver to ${listNames(areas, 'and')}.` : " We don't deliver at the moment."
      return refuse('outside_zone', `Sorry, we don't deliver to ${spoken}.${where} Pickup is always possible.`)
    }
    const minimumCents = zone.minOrder === null ? 0 : toCents(zone.minOrder)
    if (subtotalCents < minimumCents) {
      const speakMoney = (cents: number) => speakMoneyIn(cents, catalog.currency)
      const missing = speakMoney(minimumCents - subtotalCents)
      return refuse(
        'under_minimum',
        `The minimum order for delivery to ${zone.name} is ${speakMoney(minimumCents)}; this order comes to ` +
          `${speakMoney(subtotalCents)}, so it needs ${missing} more.`,
        { minimum: minimumCents / 100 },
      )
    }
  }
  const deliveryFeeCents = zone ? toCents(zone.deliveryFee) : 0
  const taxCents = taxOn(subtotalCents, catalog.taxRate)
  return {
    fulfillment: request.fulfillment,
    lines,
    subtotalCents,
    deliveryFeeCents,
    taxCents,
    totalCents: subtotalCents + deliveryFeeCents + taxCents,
    zone,
    postalCode,
    currency: catalog.currency ?? 'USD',
  }
}

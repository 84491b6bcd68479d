import { speakPrice } from '../../shared/money.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import { zoneForSpokenCode } from './spoken-postcodes.models.ts'
import { placeAskedAbout, postalCodesIn, type Zone, zoneForPostalCode, zonesByName } from './zones.models.ts'

// One short answer: the zone asked about, else a clear "no" with at most three alternatives,
// else every zone with its fee and minimum order.

export function feeText(zone: Zone, currency: string): string {
  const money = (amount: number) => speakPrice(amount, currency)
  const fee = zone.deliveryFee === 0 ? 'delivery is free' : `delivery is ${money(zone.deliveryFee)}`
  return zone.minOrder ? `${fee}, with a ${money(zone.minOrder)} minimum order` : fee
}

const listBriefly = (zones: Zone[]) => {
  const names = zones.slice(0, 3).map((zone) => zone.name)
  const more = zones.length - names.length
  if (more > 0) return `${names.join(', ')} and ${more} other area${more > 1 ? 's' : ''}`
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!
}

const describe = (zone: Zone) => (zone.description ? ` (${zone.description.replace(/[.\s]+$/, '')})` : '')

function listAll(zones: Zone[], currency: string): string {
  const money = (amount: number) => speakPrice(amount, currency)
  const parts = zones.map((zone) => {
    const fee = zone.deliveryFee === 0 ? 'free delivery' : `${money(zone.deliveryFee)} delivery`
    return zone.minOrder ? `${zone.name}, ${fee}, ${money(zone.minOrder)} minimum order` : `${zone.name}, ${fee}`
  })
  return `We deliver to ${zones.length} area${zones.length > 1 ? 's' : ''}: ${parts.join('; ')}.`
}

/** "our SoMa zone", but "The Danforth zone". */
const ourZone = (zone: Zone) => `${/^the\s/i.test(zone.name) ? '' : 'our '}${zone.name} zone`

/** `currency`: the restaurant's ISO 4217 code, for fees and minimums. */
export function answerZonesQuestion({
  zones,
  query,
  currency,
}: {
  zones: Zone[]
  query: string
  currency: string
}): ToolAnswer {
  if (zones.length === 0) {
    return {
      result:
        "I don't have any delivery areas on file for this restaurant, so please check with the staff about delivery.",
      metadata: { zones: [] },
      unanswered: true,
    }
  }
  const codes = postalCodesIn(query)
  // Said in groups, spaced, with "oh" or spoken letters: the zones' own codes decide.
  const spoken = codes.some(({ candidates }) => zoneForPostalCode(zones, candidates))
    ? null
    : zoneForSpokenCode(zones, query)
  if (spoken) {
    return {
      result: `Yes, we deliver to ${spoken.spoken}, in ${ourZone(spoken.zone)}: ${feeText(spoken.zone, currency)}.`,
      metadata: { postal_codes: [{ postal_code: spoken.spoken, zone: spoken.zone.name }] },
    }
  }
  if (codes.length > 0) {
    const answers = codes.map(({ spoken, candidates }) => ({ spoken, zone: zoneForPostalCode(zones, candidates) }))
    const sentences = answers.map(({ spoken, zone }) =>
      zone
        ? `Yes, we deliver to ${spoken}, in ${ourZone(zone)}: ${feeText(zone, currency)}.`
        : `Sorry, we don't deliver to ${spoken}.`,
    )
    const missed = answers.some((answer) => !answer.zone)
    const alternatives = missed ? ` We deliver to ${listBriefly(zones)}.` : ''
    return {
      result: sentences.join(' ') + alternatives,
      metadata: { postal_codes: answers.map((a) => ({ postal_code: a.spoken, zone: a.zone?.name ?? null })) },
    }
  }
  const named = zonesByName(zones, query)
  if (named.length > 0) {
    return {
      result: named
        .map((zone) => `Yes, we deliver to ${zone.name}${describe(zone)}: ${feeText(zone, currency)}.`)
        .join(' '),
      metadata: { zones: named.map((zone) => zone.name) },
    }
  }
  const place = placeAskedAbout(query)
  if (place) {
    return {
      result:
        `Sorry, ${place} isn't one of our delivery areas as far as I can tell. ` +
        `We deliver to ${listBriefly(zones)}.`,
      metadata: { place, zones: [] },
      unanswered: true,
    }
  }
  // Nothing in the question named a place: the general answer (the FAQs may know better).
  return { result: listAll(zones, currency), metadata: { match: 'overview', zones: zones.map((zone) => zone.name) } }
}

import type { CountryCode } from 'libphonenumber-js'
import type { deliveryZones, menuItems, modifiers, operatingHours } from '../../infra/db/schema.ts'
import { faqFromApi } from '../faqs/faqs.models.ts'
import { specialDateFromApi } from '../hours/special-dates.models.ts'
import { normalizeNotify } from './restaurant-settings.models.ts'
import {
  DAY_NAMES,
  formatTime,
  normalizePhoneNumber,
  normalizePostalCodes,
  normalizeTags,
  parseHoursRow,
  parseTimeZone,
} from './restaurants.models.ts'
import type { Bundle } from './restaurants.schemas.ts'

// Conversions between the public bundle shape (snake_case JSON) and table rows.

type MenuItemApi = NonNullable<Bundle['menu_items']>[number]
type ModifierApi = NonNullable<Bundle['modifiers']>[number]
type HoursApi = NonNullable<Bundle['operating_hours']>[number]
type ZoneApi = NonNullable<Bundle['delivery_zones']>[number]

export type MenuItemRow = typeof menuItems.$inferSelect
export type ModifierRow = typeof modifiers.$inferSelect
export type HoursRowDb = typeof operatingHours.$inferSelect
export type ZoneRow = typeof deliveryZones.$inferSelect

const text = (value: string | null | undefined) => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}
const money = (value: number) => Math.round(value * 100) / 100

export const menuItemFromApi = (item: MenuItemApi) => {
  const available = item.available ?? true
  return {
    name: item.name.trim(),
    description: text(item.description),
    price: money(item.price),
    category: text(item.category),
    available,
    // Only an unavailable item can come back; on an available one the time means nothing.
    availableAgainAt: !available && item.available_again_at ? new Date(item.available_again_at) : null,
    dietary: normalizeTags(item.dietary),
    allergens: normalizeTags(item.allergens),
  }
}

/** Available now: marked available, or sold out until a time that has come. */
export const isAvailableAt = (row: Pick<MenuItemRow, 'available' | 'availableAgainAt'>, now: Date) =>
  row.available || (row.availableAgainAt !== null && row.availableAgainAt.getTime() <= now.getTime())

/** `now` decides whether a sold-out item has come back: it is shown as it is at that moment. */
export const menuItemToApi = (row: MenuItemRow, now: Date) => {
  const available = isAvailableAt(row, now)
  return {
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    price: row.price,
    ...(row.category ? { category: row.category } : {}),
    available,
    ...(!available && row.availableAgainAt ? { available_again_at: row.availableAgainAt.toISOString() } : {}),
    dietary: row.dietary,
    allergens: row.allergens,
  }
}

export const modifierFromApi = (modifier: ModifierApi) => ({
  name: modifier.name.trim(),
  description: text(modifier.description),
  price: money(modifier.price),
})
export const modifierToApi = (row: ModifierRow) => ({
  name: row.name,
  ...(row.description ? { description: row.description } : {}),
  price: row.price,
})

export const hoursFromApi = (row: HoursApi, field: string) => parseHoursRow(row, field)
export const hoursToApi = (row: HoursRowDb) =>
  row.isClosed
    ? { day_of_week: DAY_NAMES[row.dayOfWeek]!, is_closed: true }
    : {
        day_of_week: DAY_NAMES[row.dayOfWeek]!,
        open_time: formatTime(row.openTime)!,
        close_time: formatTime(row.closeTime)!,
      }

export const zoneFromApi = (zone: ZoneApi) => ({
  zoneName: zone.zone_name.trim(),
  description: text(zone.description),
  deliveryFee: money(zone.delivery_fee),
  minOrder: zone.min_order == null ? null : money(zone.min_order),
  postalCodes: normalizePostalCodes(zone.postal_codes),
})
export const zoneToApi = (row: ZoneRow) => ({
  zone_name: row.zoneName,
  ...(row.description ? { description: row.description } : {}),
  delivery_fee: row.deliveryFee,
  ...(row.minOrder == null ? {} : { min_order: row.minOrder }),
  postal_codes: row.postalCodes,
})

/** A validated, normalised bundle; a section is undefined when the request did not send it. */
export type ParsedBundle = {
  name: string
  timezone: string | undefined
  phoneNumbers: string[] | undefined
  menuItems: ReturnType<typeof menuItemFromApi>[] | undefined
  modifiers: ReturnType<typeof modifierFromApi>[] | undefined
  hours: ReturnType<typeof hoursFromApi>[] | undefined
  zones: ReturnType<typeof zoneFromApi>[] | undefined
  faqs: ReturnType<typeof faqFromApi>[] | undefined
  specialDates: ReturnType<typeof specialDateFromApi>[] | undefined
  settings: Bundle['settings']
}

/** Validates what JSON schema cannot (time zones, day names, phone numbers) and normalises. */
export function parseBundle(bundle: Bundle, { defaultCountry }: { defaultCountry?: CountryCode } = {}): ParsedBundle {
  const phoneNumbers = bundle.phone_numbers?.map((number, i) =>
    normalizePhoneNumber(number, `body.phone_numbers.${i}`, defaultCountry),
  )
  return {
    name: bundle.name.trim(),
    timezone: bundle.timezone === undefined ? undefined : parseTimeZone(bundle.timezone),
    phoneNumbers: phoneNumbers && [...new Set(phoneNumbers)],
    menuItems: bundle.menu_items?.map(menuItemFromApi),
    modifiers: bundle.modifiers?.map(modifierFromApi),
    hours: bundle.operating_hours?.map((row, i) => hoursFromApi(row, `body.operating_hours.${i}`)),
    zones: bundle.delivery_zones?.map(zoneFromApi),
    faqs: bundle.faqs?.map(faqFromApi),
    specialDates: bundle.special_dates?.map((row, i) => specialDateFromApi(row, `body.special_dates.${i}`)),
    settings: bundle.settings && normalizeNotify(bundle.settings, defaultCountry),
  }
}

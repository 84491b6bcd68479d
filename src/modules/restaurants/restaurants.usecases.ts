import type { DatabaseHandle } from '../../infra/db/database.ts'
import { type Database, scopeToTenant } from '../../infra/db/database.ts'
import { isUniqueViolation } from '../../shared/db-errors.ts'
import { conflict, notFound } from '../../shared/errors.ts'
import type { DataCategory, RestaurantEvents } from '../../shared/events.ts'
import { generateApiKey, hashApiKey } from '../../shared/secrets.ts'
import { faqToApi } from '../faqs/faqs.models.ts'
import { specialDateToApi } from '../hours/special-dates.models.ts'
import { hoursToApi, menuItemToApi, modifierToApi, type ParsedBundle, zoneToApi } from './restaurant-data.models.ts'
import { settingsForExport } from './restaurant-settings.models.ts'
import { createRestaurantsRepository, type RestaurantRow, type RestaurantSummary } from './restaurants.repository.ts'

export type RestaurantsDeps = { database: DatabaseHandle; restaurantEvents: RestaurantEvents }

function changedCategories(bundle: ParsedBundle): DataCategory[] {
  const sections: [unknown, DataCategory][] = [
    [bundle.menuItems, 'menu'],
    [bundle.modifiers, 'modifiers'],
    [bundle.hours, 'hours'],
    [bundle.zones, 'zones'],
    [bundle.phoneNumbers, 'phones'],
    [bundle.faqs, 'faqs'],
    [bundle.specialDates, 'special_dates'],
    [bundle.settings, 'settings'],
  ]
  const changed = sections.filter(([section]) => section !== undefined).map(([, category]) => category)
  // Menu, options and zones are indexed with their prices said in the currency: a new one re-prices them.
  if (bundle.currency !== undefined) changed.push('menu', 'modifiers', 'zones')
  return ['restaurant', ...new Set(changed)]
}

async function assertNumbersFree({
  database,
  restaurantId,
  phoneNumbers,
}: {
  database: DatabaseHandle
  restaurantId: string
  phoneNumbers: string[] | undefined
}) {
  if (!phoneNumbers?.length) return
  // Checked as the owner: the tenant's own view (RLS) cannot see other restaurants' numbers.
  const { mappings } = await createRestaurantsRepository({ db: database.db }).findForeignMappings({
    restaurantId,
    phoneNumbers,
  })
  if (mappings.length > 0) throw phoneConflict(mappings.map((m) => m.phoneNumber))
}

const phoneConflict = (numbers: string[]) =>
  conflict(
    `Phone number ${numbers.join(', ')} is already assigned to another restaurant`,
    numbers.map((phone_number) => ({
      field: 'body.phone_numbers',
      phone_number,
      problem: 'already assigned to another restaurant',
    })),
  )

async function writeBundle(tx: Database, restaurantId: string, bundle: ParsedBundle) {
  const repository = createRestaurantsRepository({ db: tx })
  await repository.replaceData({ restaurantId, bundle })
  if (bundle.phoneNumbers) await repository.setPhoneNumbers({ restaurantId, phoneNumbers: bundle.phoneNumbers })
}

function translatePhoneRace(error: unknown, bundle: ParsedBundle): never {
  if (isUniqueViolation(error, 'restaurant_phone_mappings_pkey')) throw phoneConflict(bundle.phoneNumbers ?? [])
  throw error
}

/** Creates a restaurant and all its data in one transaction, then lets listeners index it. */
export async function createRestaurant({
  deps,
  bundle,
  apiKey,
}: {
  deps: RestaurantsDeps
  bundle: ParsedBundle
  apiKey?: string
}) {
  const { database, restaurantEvents } = deps
  await assertNumbersFree({
    database,
    restaurantId: '00000000-0000-0000-0000-000000000000',
    phoneNumbers: bundle.phoneNumbers,
  })
  const key = apiKey ?? generateApiKey()
  const restaurant = await database.db
    .transaction(async (tx) => {
      const { restaurant } = await createRestaurantsRepository({ db: tx as unknown as Database }).insertRestaurant({
        name: bundle.name,
        timezone: bundle.timezone ?? 'UTC',
        currency: bundle.currency,
        apiKeyHash: hashApiKey(key),
      })
      // The restaurant row needs the owner; its data is written under the tenant's own policies.
      await scopeToTenant(tx as unknown as Database, restaurant.id)
      await writeBundle(tx as unknown as Database, restaurant.id, bundle)
      await restaurantEvents.changing(tx, { restaurantId: restaurant.id, categories: changedCategories(bundle) })
      return restaurant
    })
    .catch((error) => {
      if (isUniqueViolation(error, 'restaurants_api_key_hash_key'))
        throw conflict('This api_key is already in use; choose another or let the server generate one')
      return translatePhoneRace(error, bundle)
    })
  await restaurantEvents.changed({ restaurantId: restaurant.id, categories: changedCategories(bundle) })
  return { restaurant, apiKey: key }
}

export async function replaceRestaurant({
  deps,
  restaurantId,
  bundle,
}: {
  deps: RestaurantsDeps
  restaurantId: string
  bundle: ParsedBundle
}) {
  const { database, restaurantEvents } = deps
  await assertNumbersFree({ database, restaurantId, phoneNumbers: bundle.phoneNumbers })
  const restaurant = await database
    .withTenant(restaurantId, async (tx) => {
      const repository = createRestaurantsRepository({ db: tx })
      const { restaurant } = await repository.updateRestaurant({
        restaurantId,
        name: bundle.name,
        timezone: bundle.timezone,
        currency: bundle.currency,
      })
      if (!restaurant) throw notFound('Restaurant')
      await writeBundle(tx, restaurantId, bundle)
      await restaurantEvents.changing(tx, { restaurantId, categories: changedCategories(bundle) })
      // Settings are written with the bundle, after the row above was returned: read it again.
      return bundle.settings ? (await repository.getRestaurant({ restaurantId })).restaurant! : restaurant
    })
    .catch((error) => translatePhoneRace(error, bundle))
  await restaurantEvents.changed({ restaurantId, categories: changedCategories(bundle) })
  return { restaurant }
}

export async function getRestaurantOrThrow({
  database,
  restaurantId,
}: {
  database: DatabaseHandle
  restaurantId: string
}) {
  const { restaurant } = await createRestaurantsRepository({ db: database.db }).getRestaurant({ restaurantId })
  if (!restaurant) throw notFound('Restaurant')
  return { restaurant }
}

export async function describeRestaurant({
  database,
  restaurant,
}: {
  database: DatabaseHandle
  restaurant: RestaurantRow
}) {
  const { summaries } = await database.withTenant(restaurant.id, (tx) =>
    createRestaurantsRepository({ db: tx }).summaries({ restaurantIds: [restaurant.id] }),
  )
  return formatRestaurantForApi({ restaurant, ...summaries.get(restaurant.id)! })
}

/** The operator's list: every restaurant of the page summarised in one statement, not one each. */
export async function describeRestaurants({
  database,
  restaurants,
}: {
  database: DatabaseHandle
  restaurants: RestaurantRow[]
}) {
  const { summaries } = await createRestaurantsRepository({ db: database.db }).summaries({
    restaurantIds: restaurants.map((r) => r.id),
  })
  return restaurants.map((restaurant) => formatRestaurantForApi({ restaurant, ...summaries.get(restaurant.id)! }))
}

export function formatRestaurantForApi({
  restaurant,
  counts,
  phoneNumbers,
}: { restaurant: RestaurantRow } & RestaurantSummary) {
  return {
    id: restaurant.id,
    name: restaurant.name,
    timezone: restaurant.timezone,
    currency: restaurant.currency,
    phone_number: phoneNumbers[0] ?? null,
    phone_numbers: phoneNumbers,
    counts,
    settings: settingsForExport(restaurant.settings),
    created_at: restaurant.createdAt.toISOString(),
    updated_at: restaurant.updatedAt.toISOString(),
  }
}

export async function exportRestaurant({
  database,
  restaurantId,
  now,
}: {
  database: DatabaseHandle
  restaurantId: string
  /** A sold-out dish is exported as it is at this moment. */
  now: Date
}) {
  const { restaurant } = await getRestaurantOrThrow({ database, restaurantId })
  return database.withTenant(restaurantId, async (tx) => {
    const repository = createRestaurantsRepository({ db: tx })
    const data = await repository.loadData({ restaurantId })
    const { phoneNumbers } = await repository.listPhoneNumbers({ restaurantId })
    return {
      name: restaurant.name,
      timezone: restaurant.timezone,
      currency: restaurant.currency,
      phone_numbers: phoneNumbers.map((p) => p.phoneNumber),
      menu_items: data.menuItems.map((item) => menuItemToApi(item, now)),
      modifiers: data.modifiers.map(modifierToApi),
      operating_hours: data.hours.map(hoursToApi),
      delivery_zones: data.zones.map(zoneToApi),
      faqs: data.faqs.map(faqToApi),
      special_dates: data.specialDates.map(specialDateToApi),
      settings: settingsForExport(restaurant.settings),
    }
  })
}

export type RestaurantDeletionHook = (input: { restaurantId: string }) => Promise<void>

export async function deleteRestaurant({
  deps,
  restaurantId,
  beforeDelete,
}: {
  deps: RestaurantsDeps
  restaurantId: string
  beforeDelete?: RestaurantDeletionHook
}) {
  await getRestaurantOrThrow({ database: deps.database, restaurantId })
  // e.g. detaching its numbers in Vapi; done first so a failure leaves the restaurant intact.
  await beforeDelete?.({ restaurantId })
  const { deleted } = await createRestaurantsRepository({ db: deps.database.db }).deleteRestaurant({ restaurantId })
  if (!deleted) throw notFound('Restaurant')
  await deps.restaurantEvents.changed({
    restaurantId,
    categories: ['restaurant', 'menu', 'modifiers', 'hours', 'zones', 'phones', 'faqs', 'special_dates'],
    deleted: true,
  })
}

export async function rotateApiKey({ database, restaurantId }: { database: DatabaseHandle; restaurantId: string }) {
  const key = generateApiKey()
  const { restaurant } = await createRestaurantsRepository({ db: database.db }).updateRestaurant({
    restaurantId,
    apiKeyHash: hashApiKey(key),
  })
  if (!restaurant) throw notFound('Restaurant')
  return { apiKey: key }
}

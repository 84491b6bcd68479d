import type { CountryCode } from 'libphonenumber-js'
import type { Cache } from '../../infra/cache/cache.types.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { RestaurantEvents } from '../../shared/events.ts'
import { normalizePhoneNumber } from '../restaurants/restaurants.models.ts'
import type { CallMemory } from './call-memory.ts'
import { createTenantRepository, type Tenant } from './tenant.repository.ts'
import type { VapiMessage } from './vapi-messages.models.ts'

/**
 * Which restaurant a Vapi message is for. Strongest evidence first:
 *   1. the dialled number, `message.phoneNumber.number` (E.164, restaurant_phone_mappings);
 *   2. the Vapi phone-number id, `message.call.phoneNumberId` (vapi_phone_number_id);
 *   3. the call id, remembered from the call's assistant-request;
 *   4. an explicit operator override: the `X-Restaurant-Id` header or `?restaurant_id=` on the
 *      server URL, or `restaurant_id` in the call's/assistant's metadata (which we set ourselves at
 *      assistant-request). These arrive only with the Vapi secret, are configured by whoever holds
 *      the Vapi account (e.g. a dedicated assistant or a web call without a number), and never
 *      outrank a number we know, so a stray override cannot pull a real call to another restaurant.
 * Tool arguments are never consulted: the model writes them and can be talked into anything.
 */
export type TenantResolution = {
  tenant: Tenant | null
  via: 'phone_number' | 'phone_number_id' | 'call_id' | 'override' | 'none'
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const E164 = /^\+[1-9][0-9]{6,14}$/

/**
 * Lookups are cached in the shared Cache under a version that every change to numbers or
 * restaurants bumps (after it commits). With Redis the version is shared, so an instance never
 * routes a number that another instance moved to its old restaurant; in process (one instance) it
 * is exact too. An unreachable cache means a database lookup (one indexed row).
 */
const TENANTS_NAMESPACE = 'tenants'
const TENANT_TTL_SECONDS = 300

export function createTenantResolver({
  database,
  cache,
  callMemory,
  restaurantEvents,
  defaultCountry,
}: {
  database: DatabaseHandle
  cache: Cache
  callMemory: CallMemory
  restaurantEvents: RestaurantEvents
  defaultCountry: CountryCode
}) {
  const repository = createTenantRepository({ db: database.db })
  restaurantEvents.onChanged(async ({ categories, deleted }) => {
    // A failed bump is replayed by the Redis driver once it is reachable again.
    if (deleted || categories.includes('phones') || categories.includes('restaurant'))
      await cache.bumpVersion(TENANTS_NAMESPACE).catch(() => {})
  })

  async function cached(key: string, load: () => Promise<Tenant | undefined>): Promise<Tenant | undefined> {
    let entry: string
    try {
      entry = `tenant:v${await cache.getVersion(TENANTS_NAMESPACE)}:${key}`
      const hit = await cache.get(entry)
      if (hit !== undefined) return hit === '' ? undefined : (JSON.parse(hit) as Tenant)
    } catch {
      return load()
    }
    const tenant = await load()
    await cache.set(entry, tenant ? JSON.stringify(tenant) : '', TENANT_TTL_SECONDS).catch(() => {})
    return tenant
  }

  const byNumber = (raw: unknown) => {
    if (typeof raw !== 'string' || raw.length > 40) return undefined
    // Vapi sends E.164; only other spellings pay for libphonenumber (the costliest step of a lookup).
    return cached(`number:${raw}`, async () => {
      if (E164.test(raw)) return repository.findByPhoneNumber(raw)
      let number: string
      try {
        number = normalizePhoneNumber(raw, 'phoneNumber.number', defaultCountry)
      } catch {
        return undefined
      }
      return repository.findByPhoneNumber(number)
    })
  }
  const byPhoneNumberId = (id: unknown) =>
    typeof id === 'string' && id.length <= 100
      ? cached(`vapi-id:${id}`, () => repository.findByVapiPhoneNumberId(id))
      : undefined
  const byId = (id: unknown) =>
    typeof id === 'string' && UUID.test(id)
      ? cached(`id:${id.toLowerCase()}`, () => repository.findById(id.toLowerCase()))
      : undefined

  return {
    async resolve({ message, override }: { message: VapiMessage; override?: string }): Promise<TenantResolution> {
      const number = await byNumber(message.phoneNumber?.number ?? message.call?.phoneNumber?.number)
      if (number) return { tenant: number, via: 'phone_number' }
      const numberId = await byPhoneNumberId(message.call?.phoneNumberId ?? message.phoneNumber?.id)
      if (numberId) return { tenant: numberId, via: 'phone_number_id' }
      const callId = message.call?.id
      const remembered = typeof callId === 'string' ? await byId(await callMemory.recall(callId)) : undefined
      if (remembered) return { tenant: remembered, via: 'call_id' }
      const explicit =
        override ??
        message.call?.metadata?.restaurant_id ??
        message.assistant?.metadata?.restaurant_id ??
        message.call?.assistantOverrides?.metadata?.restaurant_id
      const chosen = await byId(explicit)
      return chosen ? { tenant: chosen, via: 'override' } : { tenant: null, via: 'none' }
    },
    remember: callMemory.remember,
  }
}
export type TenantResolver = ReturnType<typeof createTenantResolver>

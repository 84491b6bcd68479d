import { isUniqueViolation } from '../../shared/db-errors.ts'
import { AppError, conflict, notFound } from '../../shared/errors.ts'
import { lookUp } from '../../shared/look-up.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { createPhoneNumbersRepository, type PoolRow } from './phone-numbers.repository.ts'
import { assignPoolNumber } from './phone-provisioning.usecases.ts'
import { returnNumber } from './phone-release.usecases.ts'
import type { PhoneAssigner, PhoneAssignment, PhoneProviders, PhonesDeps } from './phones.types.ts'

export type PhoneNumbersDeps = Omit<PhonesDeps, 'providers'> & {
  phoneAssigner: PhoneAssigner
  phoneProviders: PhoneProviders | undefined
}
type Deps = PhoneNumbersDeps
type Mapping = { phoneNumber: string; vapiPhoneNumberId: string | null; createdAt: Date }

export function formatPhoneNumberForApi(mapping: Mapping, pool: PoolRow | null) {
  return {
    phone_number: mapping.phoneNumber,
    source: pool?.source ?? 'manual',
    vapi_phone_number_id: mapping.vapiPhoneNumberId ?? pool?.vapiPhoneNumberId ?? null,
    created_at: mapping.createdAt.toISOString(),
  }
}

const mappedElsewhere = (phoneNumber: string) =>
  conflict(`Phone number ${phoneNumber} is already assigned to another restaurant`, [
    { field: 'body.phone_number', phone_number: phoneNumber, problem: 'already assigned to another restaurant' },
  ])

const notConfigured = () =>
  new AppError('phones.not_configured', 'Phone provisioning needs VAPI_API_KEY and PUBLIC_BACKEND_URL', 503)

// Provider trouble is the gateway's (502); a state the operator must change (trial limit, an area
// without numbers) is a conflict (409).
const FAILURE_STATUS: Record<string, number> = {
  not_configured: 503,
  twilio_trial_limit: 409,
  no_numbers_available: 409,
  number_unavailable: 409,
}

function assignmentError(assignment: PhoneAssignment) {
  const code = assignment.code ?? 'provisioning_failed'
  return new AppError(
    `phones.${code}`,
    assignment.reason ?? 'No number was assigned',
    lookUp(FAILURE_STATUS, code) ?? 502,
    assignment,
  )
}

export async function listRestaurantNumbers({ deps, restaurantId }: { deps: Deps; restaurantId: string }) {
  await getRestaurantOrThrow({ database: deps.database, restaurantId })
  const { rows } = await createPhoneNumbersRepository({ db: deps.database.db }).listForRestaurant({ restaurantId })
  return { data: rows.map(({ mapping, pool }) => formatPhoneNumberForApi(mapping, pool)) }
}

async function describeNumber({
  deps,
  restaurantId,
  phoneNumber,
}: {
  deps: Deps
  restaurantId: string
  phoneNumber: string
}) {
  const { data } = await listRestaurantNumbers({ deps, restaurantId })
  return data.find((n) => n.phone_number === phoneNumber)!
}

/** Finds or buys a number for the restaurant and maps it; provider failures become errors here. */
export async function provisionNumber({
  deps,
  restaurantId,
  forceTwilio,
  areaCode,
}: {
  deps: Deps
  restaurantId: string
  forceTwilio: boolean
  areaCode?: string
}) {
  await getRestaurantOrThrow({ database: deps.database, restaurantId })
  const assignment = await deps.phoneAssigner.assign({ restaurantId, forceTwilio, areaCode })
  if (assignment.status !== 'assigned') throw assignmentError(assignment)
  return {
    number: await describeNumber({ deps, restaurantId, phoneNumber: assignment.phone_number! }),
    source: assignment.source,
  }
}

/**
 * Maps a number to the restaurant. A number from our pool is the operator's to hand out (and
 * is re-pointed in Vapi); any other number is the restaurant's own and is only mapped.
 */
export async function mapNumber({
  deps,
  restaurantId,
  phoneNumber,
  byOperator,
}: {
  deps: Deps
  restaurantId: string
  phoneNumber: string
  byOperator: boolean
}) {
  await getRestaurantOrThrow({ database: deps.database, restaurantId })
  const repository = createPhoneNumbersRepository({ db: deps.database.db })
  const { mapping } = await repository.getMapping({ phoneNumber })
  if (mapping && mapping.restaurantId !== restaurantId) throw mappedElsewhere(phoneNumber)
  if (mapping) return { number: await describeNumber({ deps, restaurantId, phoneNumber }), created: false }
  const { row } = await repository.getPoolEntry({ phoneNumber })
  if (row && row.status !== 'released') {
    const free = row.status === 'available' || (row.status === 'assigned' && row.restaurantId === null)
    if (!free) throw conflict(`Phone number ${phoneNumber} is being assigned to another restaurant`)
    if (!byOperator)
      throw new AppError(
        'forbidden',
        `Phone number ${phoneNumber} belongs to the operator's pool; only the operator can assign it`,
        403,
      )
    if (!deps.phoneProviders) throw notConfigured()
    const assignment = await assignPoolNumber({
      deps: { ...deps, providers: deps.phoneProviders },
      restaurantId,
      phoneNumber,
    })
    if (assignment.status !== 'assigned') throw assignmentError(assignment)
  } else {
    await repository.insertMapping({ phoneNumber, restaurantId }).catch((error) => {
      if (isUniqueViolation(error)) throw mappedElsewhere(phoneNumber)
      throw error
    })
    await deps.restaurantEvents.changed({ restaurantId, categories: ['phones'] })
  }
  return { number: await describeNumber({ deps, restaurantId, phoneNumber }), created: true }
}

/** Unmaps a number; a pool number goes back to the pool, or to Twilio with `releaseAtProvider`. */
export async function removeNumber({
  deps,
  restaurantId,
  phoneNumber,
  releaseAtProvider,
}: {
  deps: Deps
  restaurantId: string
  phoneNumber: string
  releaseAtProvider: boolean
}) {
  const repository = createPhoneNumbersRepository({ db: deps.database.db })
  const { mapping } = await repository.getMapping({ phoneNumber })
  if (!mapping || mapping.restaurantId !== restaurantId) throw notFound('Phone number')
  const { row } = await repository.getPoolEntry({ phoneNumber })
  if (row?.status === 'assigned' && row.restaurantId === restaurantId) {
    if (!deps.phoneProviders) throw notConfigured()
    await returnNumber({ deps: { ...deps, providers: deps.phoneProviders }, repository, row, releaseAtProvider })
  } else {
    await repository.deleteMapping({ phoneNumber, restaurantId })
  }
  await deps.restaurantEvents.changed({ restaurantId, categories: ['phones'] })
}

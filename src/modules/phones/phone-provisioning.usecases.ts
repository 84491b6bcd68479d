import { describeTwilioError, type OwnedNumber } from '../../infra/twilio/twilio-client.ts'
import { isVapiNotFound } from '../../infra/vapi/vapi-client.ts'
import { isUniqueViolation } from '../../shared/db-errors.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import {
  type AssignmentFailure,
  failed,
  isUnusedVoiceUrl,
  shuffled,
  twilioFailure,
  vapiFailure,
  vapiNumberName,
} from './phone-numbers.models.ts'
import { type Claimed, createPhoneNumbersRepository, type PhoneNumbersRepository } from './phone-numbers.repository.ts'
import type { PhoneAssignment, PhoneProviders, PhonesDeps } from './phones.types.ts'
import { findVapiNumber, listVapiNumbers, pointVapiNumberAtUs, type VapiNumber } from './vapi-numbers.ts'

type Deps = PhonesDeps & { providers: PhoneProviders }
type Context = { deps: Deps; repository: PhoneNumbersRepository; restaurantId: string }
/** 'lost': every candidate was taken by concurrent assignments; picking again may find another. */
type Picked = { row: Claimed; source: string } | { failure: AssignmentFailure } | 'lost'

const E164 = /^\+[1-9][0-9]{6,14}$/
// Twilio's "PhoneNumber requested is not available": someone bought it between our search and purchase.
const NUMBER_TAKEN = 21422

/**
 * Gives a restaurant a working number: reuse one already in Vapi (unless forceTwilio), else one
 * the Twilio account owns unused, else buy one; import it into Vapi with no assistant (so Vapi
 * sends us assistant-request) and map it. Never throws for a provider failure: the reason is
 * returned, and whatever was bought stays in the pool for the next attempt.
 */
export async function assignPhoneNumber({
  deps,
  restaurantId,
  forceTwilio,
  areaCode,
}: {
  deps: Deps
  restaurantId: string
  forceTwilio: boolean
  areaCode?: string
}): Promise<PhoneAssignment> {
  const { restaurant } = await getRestaurantOrThrow({ database: deps.database, restaurantId })
  const context = { deps, repository: createPhoneNumbersRepository({ db: deps.database.db }), restaurantId }
  // A number mapped by hand in the meantime makes the mapping fail; then another number is tried.
  for (let attempt = 0; attempt < 3; attempt++) {
    const picked = await pickNumber(context, { forceTwilio, areaCode: areaCode ?? deps.providers.areaCode })
    if (picked === 'lost') continue
    if ('failure' in picked) return failed(picked.failure)
    const outcome = await activate(context, picked.row, restaurant.name)
    if (outcome === 'lost') continue
    if ('failure' in outcome) return failed(outcome.failure)
    await deps.restaurantEvents.changed({ restaurantId, categories: ['phones'] })
    return {
      status: 'assigned',
      phone_number: picked.row.phoneNumber,
      source: picked.source,
      vapi_phone_number_id: outcome.vapiPhoneNumberId,
    }
  }
  return failed({
    code: 'no_numbers_available',
    reason: 'Every candidate number was taken by a concurrent assignment; retry',
  })
}

/** Gives the restaurant one specific number from the pool (the operator's choice). */
export async function assignPoolNumber({
  deps,
  restaurantId,
  phoneNumber,
}: {
  deps: Deps
  restaurantId: string
  phoneNumber: string
}): Promise<PhoneAssignment> {
  const { restaurant } = await getRestaurantOrThrow({ database: deps.database, restaurantId })
  const context = { deps, repository: createPhoneNumbersRepository({ db: deps.database.db }), restaurantId }
  const { row } = await context.repository.claim({ kind: { phoneNumber }, restaurantId })
  if (!row) return failed({ code: 'number_unavailable', reason: `${phoneNumber} is not available in the pool` })
  const outcome = await activate(context, row, restaurant.name)
  if (outcome === 'lost') return failed({ code: 'number_unavailable', reason: `${phoneNumber} was taken meanwhile` })
  if ('failure' in outcome) return failed(outcome.failure)
  await deps.restaurantEvents.changed({ restaurantId, categories: ['phones'] })
  return {
    status: 'assigned',
    phone_number: phoneNumber,
    source: 'pool',
    vapi_phone_number_id: outcome.vapiPhoneNumberId,
  }
}

async function pickNumber(
  { deps, repository, restaurantId }: Context,
  { forceTwilio, areaCode }: { forceTwilio: boolean; areaCode?: string },
): Promise<Picked> {
  const { vapi, twilio, server } = deps.providers
  if (!forceTwilio) {
    const pooled = await repository.claim({ kind: 'imported', restaurantId })
    if (pooled.row) return { row: pooled.row, source: 'pool' }
    let listed: VapiNumber[]
    try {
      listed = await listVapiNumbers(vapi)
    } catch (error) {
      return { failure: vapiFailure(error, 'list the phone numbers') }
    }
    // Numbers someone imported into Vapi with no assistant and no foreign server are ours to route.
    const free = listed.filter(
      (n) =>
        E164.test(n.number ?? '') &&
        !n.assistantId &&
        !n.squadId &&
        !n.workflowId &&
        (!n.server?.url || n.server.url === server.url),
    )
    await repository.addToPool({
      entries: free.map((n) => ({ phoneNumber: n.number!, source: 'vapi' as const, vapiPhoneNumberId: n.id })),
    })
    const found = await repository.claim({ kind: 'imported', restaurantId })
    if (found.row) return { row: found.row, source: 'vapi' }
  }
  if (!twilio) {
    return {
      failure: {
        code: 'no_numbers_available',
        reason:
          `${forceTwilio ? 'force_twilio was requested' : 'No unassigned number is left in Vapi'}, ` +
          'and Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN) to buy one',
      },
    }
  }
  const owned = await repository.claim({ kind: 'owned_not_imported', restaurantId })
  if (owned.row) return { row: owned.row, source: 'pool' }
  let unused: OwnedNumber[]
  try {
    unused = (await twilio.listOwnedNumbers()).filter((n) => isUnusedVoiceUrl(n.voiceUrl))
  } catch (error) {
    return { failure: twilioFailure(error, 'list the numbers the account owns') }
  }
  await repository.addToPool({
    entries: unused.map((n) => ({ phoneNumber: n.phoneNumber, source: 'twilio_owned' as const, twilioSid: n.sid })),
  })
  const found = await repository.claim({ kind: 'owned_not_imported', restaurantId })
  if (found.row) return { row: found.row, source: 'twilio_owned' }
  return buyNumber({ deps, repository, restaurantId }, areaCode)
}

async function buyNumber(context: Context, areaCode: string | undefined): Promise<Picked> {
  const twilio = context.deps.providers.twilio!
  const country = context.deps.providers.country
  let candidates: string[]
  try {
    candidates = await twilio.searchLocalNumbers({ country, areaCode })
  } catch (error) {
    return { failure: twilioFailure(error, 'search for numbers') }
  }
  // An empty search with an area code: buying by area code lets Twilio itself pick or say 21452.
  const attempts: ({ phoneNumber: string } | { areaCode: string })[] =
    candidates.length > 0
      ? shuffled(candidates).map((phoneNumber) => ({ phoneNumber }))
      : areaCode
        ? [{ areaCode }]
        : []
  if (attempts.length === 0)
    return { failure: { code: 'no_numbers_available', reason: `Twilio has no local numbers for sale in ${country}` } }
  for (const attempt of attempts) {
    const bought = await buyOne(context, attempt)
    if (bought === 'skipped') continue
    if ('failure' in bought) {
      return { failure: twilioFailure(bought.failure, `buy a number${areaCode ? ` in area code ${areaCode}` : ''}`) }
    }
    return { row: bought.row, source: 'twilio_purchased' }
  }
  // Every candidate was held by another assignment or sold meanwhile: pick again from the start.
  return 'lost'
}

/**
 * Buys one number. A number chosen from the search is claimed in the pool before Twilio is
 * asked, so that no other assignment can find it (in the search, in Twilio's owned numbers or in
 * Vapi's list) and activate it too; one bought by area code is claimed as soon as it is known.
 */
async function buyOne(
  { deps, repository, restaurantId }: Context,
  attempt: { phoneNumber: string } | { areaCode: string },
): Promise<'skipped' | { failure: unknown } | { row: Claimed }> {
  const twilio = deps.providers.twilio!
  const reserved =
    'phoneNumber' in attempt
      ? (await repository.reserveForPurchase({ phoneNumber: attempt.phoneNumber, restaurantId })).row
      : undefined
  if ('phoneNumber' in attempt && !reserved) return 'skipped'
  let bought: OwnedNumber
  try {
    bought = await twilio.buyNumber(attempt)
  } catch (error) {
    // Even a timeout drops it: if Twilio did sell it, it turns up among the owned numbers later.
    if (reserved) await repository.dropReservation({ row: reserved })
    return describeTwilioError(error).code === NUMBER_TAKEN ? 'skipped' : { failure: error }
  }
  const { row } = reserved
    ? await repository.confirmPurchase({ row: reserved, twilioSid: bought.sid })
    : await repository.recordPurchase({ phoneNumber: bought.phoneNumber, twilioSid: bought.sid, restaurantId })
  // No row: another assignment found the new number in the account first and is activating it.
  return row ? { row } : 'skipped'
}

/** Imports (or re-points) the claimed number in Vapi, then maps it; the claim is released on any failure. */
async function activate(
  { deps, repository, restaurantId }: Context,
  row: Claimed,
  restaurantName: string,
): Promise<'lost' | { failure: AssignmentFailure } | { vapiPhoneNumberId: string }> {
  const { vapi, twilio, server } = deps.providers
  const name = vapiNumberName(restaurantName)
  let vapiId = row.vapiPhoneNumberId
  let doing = vapiId ? 'route the number' : 'import the number'
  try {
    if (vapiId) {
      await pointVapiNumberAtUs(vapi, { id: vapiId, name, server, twilioNumber: row.twilioSid !== null }).catch(
        (error) => {
          if (!isVapiNotFound(error)) throw error
          vapiId = null // deleted in Vapi meanwhile: import it again below
        },
      )
    }
    if (!vapiId) {
      doing = 'import the number'
      // A previous attempt may have reached Vapi before timing out, or the number was imported by hand.
      const existing =
        row.lastError !== null || row.source !== 'twilio_purchased'
          ? await findVapiNumber(vapi, row.phoneNumber)
          : undefined
      if (existing) {
        await pointVapiNumberAtUs(vapi, { id: existing.id, name, server, twilioNumber: true })
        vapiId = existing.id
      } else {
        if (!twilio)
          return await giveBack(repository, row, {
            code: 'no_numbers_available',
            reason: `${row.phoneNumber} is no longer in Vapi and Twilio is not configured to import it again`,
          })
        // No assistantId/squadId/workflowId: Vapi then asks our server (assistant-request) on every call.
        const created = await vapi.phoneNumbers.create({
          provider: 'twilio',
          number: row.phoneNumber,
          twilioAccountSid: twilio.accountSid,
          twilioAuthToken: twilio.authToken,
          name,
          server,
        })
        vapiId = created.id
      }
      await repository.recordImport({
        phoneNumber: row.phoneNumber,
        claimToken: row.claimToken,
        vapiPhoneNumberId: vapiId,
      })
    }
  } catch (error) {
    return giveBack(repository, row, vapiFailure(error, doing))
  }
  try {
    const done = await repository.completeAssignment({ row: { ...row, vapiPhoneNumberId: vapiId }, restaurantId })
    return done ? { vapiPhoneNumberId: vapiId } : 'lost'
  } catch (error) {
    await repository.releaseClaim({ phoneNumber: row.phoneNumber, claimToken: row.claimToken, lastError: null })
    if (isUniqueViolation(error)) return 'lost'
    throw error
  }
}

async function giveBack(repository: PhoneNumbersRepository, row: Claimed, failure: AssignmentFailure) {
  await repository.releaseClaim({ phoneNumber: row.phoneNumber, claimToken: row.claimToken, lastError: failure.reason })
  return { failure }
}

import { describeTwilioError } from '../../infra/twilio/twilio-client.ts'
import { describeVapiError, isVapiNotFound } from '../../infra/vapi/vapi-client.ts'
import { AppError } from '../../shared/errors.ts'
import { vapiNumberName } from './phone-numbers.models.ts'
import { createPhoneNumbersRepository, type PhoneNumbersRepository, type PoolRow } from './phone-numbers.repository.ts'
import type { PhoneProviders, PhonesDeps } from './phones.types.ts'
import { pointVapiNumberAtUs } from './vapi-numbers.ts'

type Deps = PhonesDeps & { providers: PhoneProviders }

const releaseFailed = (message: string) => new AppError('phones.release_failed', message, 502)
// Twilio's "resource not found" on DELETE: the number is already gone, which is what we wanted.
const TWILIO_NOT_FOUND = 20404

/**
 * Takes a restaurant's provisioned numbers back (before the restaurant is deleted). Each stays
 * pointed at our server and returns to the pool, or with `releaseAtProvider` is given back to
 * Twilio, which stops billing. A failed release throws before anything is changed for that
 * number, so the restaurant survives and the call can be retried.
 */
export async function releaseRestaurantNumbers({
  deps,
  restaurantId,
  releaseAtProvider,
}: {
  deps: Deps
  restaurantId: string
  releaseAtProvider: boolean
}) {
  const repository = createPhoneNumbersRepository({ db: deps.database.db })
  const { rows } = await repository.assignedTo({ restaurantId })
  for (const row of rows) await returnNumber({ deps, repository, row, releaseAtProvider })
}

export async function returnNumber({
  deps,
  repository,
  row,
  releaseAtProvider,
}: {
  deps: Deps
  repository: PhoneNumbersRepository
  row: PoolRow
  releaseAtProvider: boolean
}) {
  if (releaseAtProvider) return releaseAtTwilio({ deps, repository, row })
  const { vapi, server } = deps.providers
  let lastError: string | null = null
  if (row.vapiPhoneNumberId) {
    // Only a label and a safety net: the mapping below is what stops calls reaching the restaurant,
    // and the number is re-pointed whenever it is reused, so a failure here is recorded, not fatal.
    await pointVapiNumberAtUs(vapi, {
      id: row.vapiPhoneNumberId,
      name: vapiNumberName(null),
      server,
      twilioNumber: row.twilioSid !== null,
    }).catch((error) => {
      lastError = `Detaching in Vapi failed: ${describeVapiError(error).message}`
    })
  }
  await repository.returnToPool({ phoneNumber: row.phoneNumber, lastError })
}

async function releaseAtTwilio({
  deps,
  repository,
  row,
}: {
  deps: Deps
  repository: PhoneNumbersRepository
  row: PoolRow
}) {
  const { vapi, twilio } = deps.providers
  const sid =
    row.twilioSid ??
    (twilio ? (await twilio.listOwnedNumbers()).find((n) => n.phoneNumber === row.phoneNumber)?.sid : undefined)
  if (sid) {
    if (!twilio) throw releaseFailed(`${row.phoneNumber} cannot be released: Twilio is not configured`)
    await twilio.releaseNumber(sid).catch((error) => {
      const failure = describeTwilioError(error)
      if (failure.code !== TWILIO_NOT_FOUND)
        throw releaseFailed(`Twilio did not release ${row.phoneNumber}: ${failure.message}; nothing was deleted, retry`)
    })
  }
  let lastError: string | null = null
  if (row.vapiPhoneNumberId) {
    // Without a Twilio number behind it the Vapi entry is dead; for a number Vapi itself
    // provides, deleting it is the release.
    await vapi.phoneNumbers.delete({ id: row.vapiPhoneNumberId }).catch((error) => {
      if (isVapiNotFound(error)) return
      if (!sid)
        throw releaseFailed(
          `Vapi did not release ${row.phoneNumber}: ${describeVapiError(error).message}; nothing was deleted, retry`,
        )
      lastError = `Deleting the Vapi phone number failed: ${describeVapiError(error).message}`
    })
  }
  await repository.markReleased({ phoneNumber: row.phoneNumber, lastError })
}

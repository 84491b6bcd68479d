import { createRequire } from 'node:module'
import type twilioModule from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient.js'

type TwilioSdk = typeof twilioModule
// The SDK takes a noticeable part of a start to load: it is loaded when a client is first made
// (Twilio configured), and an error can only be one of its RestExceptions once it is loaded.
const require = createRequire(import.meta.url)
let sdk: TwilioSdk | undefined
const loadSdk = (): TwilioSdk => {
  sdk ??= require('twilio') as TwilioSdk
  return sdk
}

/**
 * The few Twilio phone-number operations provisioning needs, over the official `twilio` SDK.
 *
 * Why the SDK rather than our own fetch wrapper: it is Twilio's maintained contract for paging,
 * form encoding and error parsing (RestException with Twilio's numeric `code`, which is what
 * our reasons key off). It has no base-URL option, but its documented `httpClient` hook is the
 * supported seam, so TWILIO_API_BASE_URL (a regional proxy, or the fake server in tests) is
 * honoured by rewriting the fixed host there and nowhere else.
 * @see https://github.com/twilio/twilio-node/blob/main/advanced-examples/custom-http-client.md
 */
function baseUrlRequestClient(twilio: TwilioSdk, baseUrl: string, timeoutMs: number) {
  class BaseUrlRequestClient extends twilio.RequestClient {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      return super.request<T>({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, baseUrl) })
    }
  }
  return new BaseUrlRequestClient({ timeout: timeoutMs })
}

export type OwnedNumber = { sid: string; phoneNumber: string; voiceUrl: string | null }

export type TwilioClient = {
  accountSid: string
  authToken: string
  listOwnedNumbers(): Promise<OwnedNumber[]>
  searchLocalNumbers(input: { country: string; areaCode?: string; limit?: number }): Promise<string[]>
  buyNumber(input: { phoneNumber: string } | { areaCode: string }): Promise<OwnedNumber>
  releaseNumber(sid: string): Promise<void>
}

/** A Twilio API failure, with Twilio's error code when the body carried one. */
export type TwilioFailure = { status?: number; code?: number; message: string }

export function describeTwilioError(error: unknown): TwilioFailure {
  if (sdk && error instanceof sdk.RestException)
    return { status: error.status, code: error.code, message: error.message }
  const e = error as { code?: string; message?: string }
  if (e?.code === 'ECONNABORTED' || e?.code === 'ETIMEDOUT') return { message: 'Twilio did not answer in time' }
  return { message: `Twilio could not be reached (${e?.code ?? e?.message ?? 'unknown error'})` }
}

export type TwilioOptions = { accountSid: string; authToken: string; baseUrl: string; timeoutSeconds: number }

/** The official SDK, pointed at `baseUrl` when it is not Twilio's own (a fake in tests). */
export function twilioSdk({ accountSid, authToken, baseUrl, timeoutSeconds }: TwilioOptions) {
  const twilio = loadSdk()
  const httpClient =
    baseUrl === 'https://api.twilio.com'
      ? new twilio.RequestClient({ timeout: timeoutSeconds * 1000 })
      : baseUrlRequestClient(twilio, baseUrl, timeoutSeconds * 1000)
  return twilio(accountSid, authToken, { httpClient })
}

export function createTwilioClient(options: TwilioOptions): TwilioClient {
  const client = twilioSdk(options)
  const owned = (n: { sid: string; phoneNumber: string; voiceUrl?: string | null }): OwnedNumber => ({
    sid: n.sid,
    phoneNumber: n.phoneNumber,
    voiceUrl: n.voiceUrl || null,
  })

  return {
    accountSid: options.accountSid,
    authToken: options.authToken,
    async listOwnedNumbers() {
      const numbers = await client.incomingPhoneNumbers.list({ pageSize: 1000 })
      return numbers.map(owned)
    },
    async searchLocalNumbers({ country, areaCode, limit = 20 }) {
      const numbers = await client.availablePhoneNumbers(country).local.list({
        voiceEnabled: true,
        limit,
        ...(areaCode ? { areaCode: Number(areaCode) } : {}),
      })
      return numbers.map((n) => n.phoneNumber)
    },
    async buyNumber(input) {
      const created = await client.incomingPhoneNumbers.create(
        'phoneNumber' in input ? { phoneNumber: input.phoneNumber } : { areaCode: input.areaCode },
      )
      return owned(created)
    },
    async releaseNumber(sid) {
      await client.incomingPhoneNumbers(sid).remove()
    },
  }
}

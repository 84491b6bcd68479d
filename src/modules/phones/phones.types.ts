import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { TwilioClient } from '../../infra/twilio/twilio-client.ts'
import type { VapiClient } from '../../infra/vapi/vapi-client.ts'
import type { RestaurantEvents } from '../../shared/events.ts'
import type { serverFor } from '../vapi/assistant-config.ts'

export type PhoneAssignment = {
  status: 'assigned' | 'failed' | 'not_configured'
  phone_number?: string
  source?: string
  /** Stable reason code when no number was assigned, e.g. twilio_trial_limit, vapi_timeout. */
  code?: string
  reason?: string
  vapi_phone_number_id?: string
}

/** Gives restaurants phone numbers and takes them back (the phones module implements it). */
export type PhoneAssigner = {
  assign(input: { restaurantId: string; forceTwilio: boolean; areaCode?: string }): Promise<PhoneAssignment>
  releaseAll(input: { restaurantId: string; releaseAtProvider: boolean }): Promise<void>
}

/** The outside services provisioning talks to, built once from config. */
export type PhoneProviders = {
  vapi: VapiClient
  /** Absent without TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN: only numbers already in Vapi can be assigned. */
  twilio?: TwilioClient
  /** What every number we import or reuse points at: our webhook, with the webhook secret (never the Vapi API key). */
  server: ReturnType<typeof serverFor>
  country: string
  areaCode?: string
}

export type PhonesDeps = { database: DatabaseHandle; restaurantEvents: RestaurantEvents; providers?: PhoneProviders }

import type { PhoneAssigner } from '../../app/services.ts'
import { unconfiguredPhoneAssigner } from '../../app/services.ts'
import type { Config } from '../../config.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { createTwilioClient, type TwilioClient } from '../../infra/twilio/twilio-client.ts'
import { createVapiClient, type VapiClient } from '../../infra/vapi/vapi-client.ts'
import type { RestaurantEvents } from '../../shared/events.ts'
import { serverFor } from '../vapi/assistant-config.ts'
import { assignPhoneNumber } from './phone-provisioning.usecases.ts'
import { releaseRestaurantNumbers } from './phone-release.usecases.ts'

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

export function createPhoneProviders(config: Config): PhoneProviders | undefined {
  if (!config.vapiApiKey || !config.publicBackendUrl) return undefined
  const twilio =
    config.twilioAccountSid && config.twilioAuthToken
      ? createTwilioClient({
          accountSid: config.twilioAccountSid,
          authToken: config.twilioAuthToken,
          baseUrl: config.twilioApiBaseUrl,
          timeoutSeconds: config.twilioTimeoutSeconds,
        })
      : undefined
  return {
    vapi: createVapiClient({
      apiKey: config.vapiApiKey,
      baseUrl: config.vapiBaseUrl,
      timeoutSeconds: config.vapiTimeoutSeconds,
      maxRetries: config.vapiMaxRetries,
    }),
    twilio,
    server: serverFor({ url: `${config.publicBackendUrl}/api/vapi/server`, secret: config.vapiSecretKey }),
    country: config.twilioCountry,
    areaCode: config.twilioAreaCode,
  }
}

/** The real PhoneAssigner when Vapi is configured (VAPI_API_KEY and PUBLIC_BACKEND_URL), else the one that says so. */
export function buildPhoneAssigner({
  config,
  database,
  restaurantEvents,
  providers = createPhoneProviders(config),
}: {
  config: Config
  database: DatabaseHandle
  restaurantEvents: RestaurantEvents
  providers?: PhoneProviders
}): PhoneAssigner {
  if (!providers) return unconfiguredPhoneAssigner
  const deps = { database, restaurantEvents, providers }
  return {
    assign: ({ restaurantId, forceTwilio, areaCode }) =>
      assignPhoneNumber({ deps, restaurantId, forceTwilio, areaCode }),
    releaseAll: ({ restaurantId, releaseAtProvider }) =>
      releaseRestaurantNumbers({ deps, restaurantId, releaseAtProvider }),
  }
}

import type { Config } from '../../config.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { createTwilioClient } from '../../infra/twilio/twilio-client.ts'
import { createVapiClient } from '../../infra/vapi/vapi-client.ts'
import type { RestaurantEvents } from '../../shared/events.ts'
import { serverFor } from '../vapi/assistant-config.ts'
import { assignPhoneNumber } from './phone-provisioning.usecases.ts'
import { releaseRestaurantNumbers } from './phone-release.usecases.ts'
import type { PhoneAssigner, PhoneProviders } from './phones.types.ts'

export const unconfiguredPhoneAssigner: PhoneAssigner = {
  assign: async () => ({
    status: 'not_configured',
    code: 'not_configured',
    reason: 'Phone provisioning needs VAPI_API_KEY and PUBLIC_BACKEND_URL',
  }),
  releaseAll: async () => {},
}

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

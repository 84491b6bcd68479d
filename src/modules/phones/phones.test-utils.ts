import { eq } from 'drizzle-orm'
import { type FakeTwilio, type FakeTwilioOptions, startFakeTwilio } from '../../../test/fakes/fake-twilio.ts'
import { type FakeVapi, startFakeVapi } from '../../../test/fakes/fake-vapi.ts'
import type { RecordedRequest } from '../../../test/fakes/http-fake.ts'
import type { Config } from '../../config.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { phoneNumbers, restaurantPhoneMappings } from '../../infra/db/schema.ts'

export const PUBLIC_URL = 'https://voice.example.test'

export type Providers = { vapi: FakeVapi; twilio: FakeTwilio; config: Partial<Config>; close(): Promise<void> }

/** A fake Vapi and a fake Twilio, and the config that points the real clients at them. */
export async function startProviders({
  twilio: twilioOptions,
  withTwilio = true,
  vapiTimeoutSeconds = 5,
}: {
  twilio?: FakeTwilioOptions
  withTwilio?: boolean
  vapiTimeoutSeconds?: number
} = {}): Promise<Providers> {
  const twilio = await startFakeTwilio(twilioOptions)
  const vapi = await startFakeVapi({ twilio })
  return {
    vapi,
    twilio,
    config: {
      vapiApiKey: vapi.apiKey,
      vapiBaseUrl: vapi.url,
      vapiMaxRetries: 0,
      vapiTimeoutSeconds,
      publicBackendUrl: PUBLIC_URL,
      ...(withTwilio
        ? { twilioAccountSid: twilio.accountSid, twilioAuthToken: twilio.authToken, twilioApiBaseUrl: twilio.url }
        : {}),
      twilioTimeoutSeconds: 5,
    },
    close: async () => {
      await vapi.close()
      await twilio.close()
    },
  }
}

export async function poolEntry(database: DatabaseHandle, phoneNumber: string) {
  const [row] = await database.db.select().from(phoneNumbers).where(eq(phoneNumbers.phoneNumber, phoneNumber))
  return row
}

export async function mappingOf(database: DatabaseHandle, phoneNumber: string) {
  const [row] = await database.db
    .select()
    .from(restaurantPhoneMappings)
    .where(eq(restaurantPhoneMappings.phoneNumber, phoneNumber))
  return row
}

/** Requests the fake received for one method and path pattern. */
export const requestsTo = (fake: { requests: RecordedRequest[] }, method: string, path: RegExp) =>
  fake.requests.filter((r) => r.method === method && path.test(r.path))

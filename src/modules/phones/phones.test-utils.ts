import assert from 'node:assert/strict'
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

const countBy = (values: string[]) => {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}
const repeated = (values: string[]) => [...countBy(values)].filter(([, n]) => n > 1).map(([value]) => value)

/**
 * After concurrent assignments: every number is mapped to one restaurant at most, every number
 * the Twilio account owns and every number in Vapi is mapped (none orphaned), and no number was
 * offered to Twilio for purchase or to Vapi for import twice.
 */
export function assertNoNumberLostOrDoubled(
  { vapi, twilio }: Pick<Providers, 'vapi' | 'twilio'>,
  mappings: { phoneNumber: string }[],
) {
  const mapped = mappings.map((m) => m.phoneNumber)
  assert.deepEqual(repeated(mapped), [], 'numbers mapped twice')
  const orphans = [
    ...[...twilio.owned.values()].map((r) => r.phone_number),
    ...[...vapi.phoneNumbers.values()].map((n) => n.number as string),
  ].filter((number) => !mapped.includes(number))
  assert.deepEqual([...new Set(orphans)], [], 'numbers owned at Twilio or in Vapi but mapped to no restaurant')
  const purchases = requestsTo(twilio, 'POST', /IncomingPhoneNumbers\.json$/)
  assert.deepEqual(repeated(purchases.map((r) => r.body.PhoneNumber)), [], 'numbers Twilio was asked to sell twice')
  assert.deepEqual(
    purchases.filter((r) => r.reply?.status !== 201).map((r) => r.reply?.body),
    [],
    'purchases Twilio refused',
  )
  const imports = requestsTo(vapi, 'POST', /^\/phone-number$/)
  assert.deepEqual(repeated(imports.map((r) => r.body.number)), [], 'numbers Vapi was asked to import twice')
  assert.deepEqual(
    imports.filter((r) => r.reply?.status !== 201).map((r) => r.reply?.body),
    [],
    'imports Vapi refused',
  )
}

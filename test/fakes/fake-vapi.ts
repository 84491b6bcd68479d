import { randomBytes, randomUUID } from 'node:crypto'
import type { FakeTwilio } from './fake-twilio.ts'
import { type FakeReply, type HttpFake, type RecordedRequest, startHttpFake } from './http-fake.ts'

/**
 * A fake Vapi REST API (shared/spec/vapi-twilio.md §6): bearer auth, JSON, plain-array lists,
 * 201 on create, NestJS-style error bodies. Phone numbers, tools and assistants are kept in
 * memory. Given a FakeTwilio, importing a Twilio number checks the credentials and ownership
 * there and points the number's voice URL at Vapi, as the real import does.
 */
export type FakeVapi = HttpFake & {
  apiKey: string
  phoneNumbers: Map<string, Record<string, any>>
  tools: Map<string, Record<string, any>>
  assistants: Map<string, Record<string, any>>
  seedPhoneNumber(fields: Record<string, any>): Record<string, any>
}

const VAPI_INBOUND_URL = 'https://api.vapi.ai/twilio/inbound_call'
const E164 = /^\+[1-9][0-9]{6,14}$/

const failure = (status: number, message: string | string[]): FakeReply => ({
  status,
  body: {
    statusCode: status,
    message,
    error: status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Bad Request',
  },
})

export async function startFakeVapi({ twilio }: { twilio?: FakeTwilio } = {}): Promise<FakeVapi> {
  const apiKey = `vapi-private-${randomBytes(8).toString('hex')}`
  const orgId = randomUUID()
  const collections = { 'phone-number': new Map<string, Record<string, any>>(), tool: new Map(), assistant: new Map() }
  // Strictly increasing, so an update is always visible in updatedAt even within one millisecond.
  let clock = Date.parse('2026-01-01T00:00:00.000Z')
  const now = () => {
    clock += 1000
    return new Date(clock).toISOString()
  }

  const stamp = (fields: Record<string, any>) => {
    const at = now()
    return { ...fields, id: randomUUID(), orgId, createdAt: at, updatedAt: at }
  }

  function importPhoneNumber(body: Record<string, any>): FakeReply {
    const { twilioAuthToken, ...stored } = body
    if (body.provider !== 'twilio')
      return failure(400, 'provider must be one of: twilio, vapi, byo-phone-number, vonage, telnyx')
    if (!E164.test(body.number ?? '')) return failure(400, ['number must be a valid phone number in E.164 format'])
    if (!body.twilioAccountSid) return failure(400, ['twilioAccountSid should not be empty'])
    if ([...collections['phone-number'].values()].some((p) => p.number === body.number)) {
      return failure(400, `Number ${body.number} already exists in this organization`)
    }
    if (twilio) {
      if (body.twilioAccountSid !== twilio.accountSid || twilioAuthToken !== twilio.authToken)
        return failure(400, 'Twilio credentials are invalid')
      const owned = [...twilio.owned.values()].find((r) => r.phone_number === body.number)
      if (!owned) return failure(400, `Number ${body.number} not found in Twilio account`)
      owned.voice_url = VAPI_INBOUND_URL
    }
    const record = stamp({ ...stored, status: 'active' })
    collections['phone-number'].set(record.id, record)
    return { status: 201, body: record }
  }

  function handle(request: RecordedRequest): FakeReply {
    if (request.headers.authorization !== `Bearer ${apiKey}`)
      return failure(401, 'Invalid Key. Hot tip, make sure you are using the private key.')
    const [, resource, id, extra] = request.path.split('/')
    const collection = collections[resource as keyof typeof collections]
    if (!collection || extra !== undefined) return failure(404, `Cannot ${request.method} ${request.path}`)
    if (!id) {
      if (request.method === 'GET') {
        const limit = Number(request.query.get('limit') ?? 100)
        return { status: 200, body: [...collection.values()].reverse().slice(0, limit) }
      }
      if (request.method !== 'POST') return failure(404, `Cannot ${request.method} ${request.path}`)
      if (resource === 'phone-number') return importPhoneNumber(request.body ?? {})
      const record = stamp(request.body ?? {})
      collection.set(record.id, record)
      return { status: 201, body: record }
    }
    const existing = collection.get(id)
    if (!existing) return failure(404, `${resource} not found`)
    if (request.method === 'GET') return { status: 200, body: existing }
    if (request.method === 'DELETE') {
      collection.delete(id)
      return { status: 200, body: existing }
    }
    if (request.method === 'PATCH') {
      // PATCH replaces the given top-level fields; null clears one (e.g. assistantId: null).
      const updated: Record<string, any> = { ...existing, updatedAt: now() }
      for (const [key, value] of Object.entries(request.body ?? {})) {
        if (['id', 'orgId', 'createdAt', 'updatedAt', 'twilioAuthToken'].includes(key)) continue
        if (value === null) delete updated[key]
        else updated[key] = value
      }
      collection.set(id, updated)
      return { status: 200, body: updated }
    }
    return failure(404, `Cannot ${request.method} ${request.path}`)
  }

  const fake = await startHttpFake(handle)
  return Object.assign(fake, {
    apiKey,
    phoneNumbers: collections['phone-number'],
    tools: collections.tool,
    assistants: collections.assistant,
    seedPhoneNumber(fields: Record<string, any>) {
      const record = stamp({ provider: 'twilio', status: 'active', ...fields })
      collections['phone-number'].set(record.id, record)
      return record
    },
  })
}

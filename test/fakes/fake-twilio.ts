import { randomBytes } from 'node:crypto'
import { type FakeReply, type HttpFake, type RecordedRequest, startHttpFake } from './http-fake.ts'

/**
 * A fake Twilio REST API (2010-04-01) for phone numbers and text messages, behaving as shared/spec/vapi-twilio.md §7
 * describes: Basic auth, form bodies, snake_case JSON, Twilio's error body and codes
 * (20003, 20404, 21422, 21452, and 21404 or 10002 for a trial account's second number).
 */
export type FakeTwilio = HttpFake & {
  accountSid: string
  authToken: string
  /** Numbers the account owns, by SID. */
  owned: Map<string, OwnedRecord>
  /** Numbers that can be bought (E.164); the area code is read from +1NPA… */
  available: Set<string>
  own(phoneNumber: string, options?: { voiceUrl?: string }): OwnedRecord
  /** Text messages accepted by the Messages API, in order. */
  messages: MessageRecord[]
}

type MessageRecord = { sid: string; account_sid: string; to: string; from: string; body: string; status: string }

type OwnedRecord = {
  sid: string
  account_sid: string
  phone_number: string
  friendly_name: string
  voice_url: string
  status: string
  capabilities: Record<string, boolean>
}

export type FakeTwilioOptions = {
  available?: string[]
  /** A trial account may own one number; buying another fails with this code. */
  trial?: 21404 | 10002
}

const error = (status: number, code: number, message: string): FakeReply => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
})

const areaCodeOf = (number: string) => (number.startsWith('+1') ? number.slice(2, 5) : undefined)

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`
  const authToken = randomBytes(16).toString('hex')
  const owned = new Map<string, OwnedRecord>()
  const messages: MessageRecord[] = []
  const available = new Set(options.available ?? [])
  const base = `/2010-04-01/Accounts/${accountSid}`

  const own = (phoneNumber: string, { voiceUrl = '' } = {}) => {
    const record: OwnedRecord = {
      sid: `PN${randomBytes(16).toString('hex')}`,
      account_sid: accountSid,
      phone_number: phoneNumber,
      friendly_name: phoneNumber,
      voice_url: voiceUrl,
      status: 'in-use',
      capabilities: { voice: true, sms: true, mms: true, fax: false },
    }
    owned.set(record.sid, record)
    available.delete(phoneNumber)
    return record
  }
  const isOwned = (number: string) => [...owned.values()].some((r) => r.phone_number === number)
  const page = (key: string, items: unknown[], uri: string) => ({
    status: 200,
    body: {
      [key]: items,
      uri,
      first_page_uri: uri,
      next_page_uri: null,
      previous_page_uri: null,
      page: 0,
      page_size: items.length,
      start: 0,
      end: Math.max(0, items.length - 1),
    },
  })

  function buy(request: RecordedRequest): FakeReply {
    const { PhoneNumber: phoneNumber, AreaCode: areaCode } = request.body ?? {}
    if (!phoneNumber && !areaCode) return error(400, 21450, 'PhoneNumber or AreaCode is required')
    if (options.trial && owned.size >= 1) {
      return options.trial === 21404
        ? error(
            400,
            21404,
            'Trial accounts are allowed only one Twilio number. ' +
              'To purchase additional numbers, please upgrade your account.',
          )
        : error(400, 10002, 'Trial accounts do not support the feature you tried to use')
    }
    if (phoneNumber) {
      if (!available.has(phoneNumber) || isOwned(phoneNumber))
        return error(400, 21422, 'PhoneNumber requested is not available')
      return { status: 201, body: own(phoneNumber) }
    }
    const match = [...available].find((n) => areaCodeOf(n) === areaCode)
    if (!match) return error(400, 21452, 'No phone numbers found in area code')
    return { status: 201, body: own(match) }
  }

  // POST /Messages.json: To, From (or MessagingServiceSid) and Body, as Twilio's Messages API requires.
  function send(request: RecordedRequest): FakeReply {
    const { To: to, From: from, Body: body } = request.body ?? {}
    if (!to) return error(400, 21604, "A 'To' phone number is required.")
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`)
    if (!from) return error(400, 21603, "A 'From' phone number is required.")
    if (!body) return error(400, 21602, 'Message body is required.')
    const record: MessageRecord = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      account_sid: accountSid,
      to,
      from,
      body,
      status: 'queued',
    }
    messages.push(record)
    return {
      status: 201,
      body: { ...record, num_segments: '1', direction: 'outbound-api', uri: `${base}/Messages.json` },
    }
  }

  const fake = await startHttpFake((request) => {
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
    if (request.headers.authorization !== expected) return error(401, 20003, 'Authenticate')
    const { method, path } = request
    if (path === `${base}/Messages.json` && method === 'POST') return send(request)
    if (path === `${base}/IncomingPhoneNumbers.json`) {
      if (method === 'POST') return buy(request)
      const filter = request.query.get('PhoneNumber')
      return page(
        'incoming_phone_numbers',
        [...owned.values()].filter((r) => !filter || r.phone_number === filter),
        path,
      )
    }
    const single = new RegExp(`^${base}/IncomingPhoneNumbers/(PN[0-9a-f]+)\\.json$`).exec(path)
    if (single) {
      const record = owned.get(single[1]!)
      if (!record) return error(404, 20404, `The requested resource ${path} was not found`)
      if (method === 'DELETE') {
        owned.delete(record.sid)
        return { status: 204 }
      }
      return { status: 200, body: record }
    }
    const search = new RegExp(`^${base}/AvailablePhoneNumbers/([A-Z]{2})/Local\\.json$`).exec(path)
    if (search && method === 'GET') {
      const areaCode = request.query.get('AreaCode')
      const limit = Number(request.query.get('PageSize') ?? 50)
      const numbers = [...available]
        .filter((n) => !isOwned(n) && (!areaCode || areaCodeOf(n) === areaCode))
        .slice(0, limit)
      return page(
        'available_phone_numbers',
        numbers.map((n) => ({
          phone_number: n,
          friendly_name: n,
          iso_country: search[1],
          region: 'CA',
          address_requirements: 'none',
          beta: false,
          capabilities: { voice: true, SMS: true, MMS: true, fax: false },
        })),
        path,
      )
    }
    return error(404, 20404, `The requested resource ${path} was not found`)
  })
  return Object.assign(fake, { accountSid, authToken, owned, available, own, messages })
}

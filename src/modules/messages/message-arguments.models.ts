import type { CountryCode } from 'libphonenumber-js'
import { EVENT_KINDS, type EventKind } from './messages.tables.ts'
import type { MessageRequest } from './messages.usecases.ts'
import { readEmail, readPhoneNumber, speakPhoneNumber } from './spoken-contact.models.ts'

export type Problem = { problem: string; reason: string }
export type ParsedContact = { ownNumber: boolean; spokenNumber: string; spokenEmail?: string }

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ').slice(0, max) : undefined

/** Words a model may pass for "call me on this number". */
const OWN_NUMBER = /^(this|same|my|the same|caller'?s?)( (one|number|phone))*$/i

/**
 * take_message's and request_event's arguments, checked: what is missing or unclear becomes a
 * line telling the assistant what to ask, never a half-written message.
 */
export function parseMessageArguments(
  tool: 'message' | 'event',
  args: Record<string, unknown>,
  { country, callerNumber }: { country: CountryCode; callerNumber: string | null },
): { request: MessageRequest; contact: ParsedContact } | Problem {
  const name = text(args.name, 100)
  if (!name) return { problem: "Ask the caller's name, then call this again.", reason: 'missing_name' }

  const reason = text(args.reason, 1_000)
  if (tool === 'message' && !reason)
    return { problem: 'Ask what the message is about, then call take_message again.', reason: 'missing_reason' }

  const kind = args.kind as EventKind
  if (tool === 'event' && !EVENT_KINDS.includes(kind))
    return {
      problem: 'kind must be large_party, catering or private_event; ask what the event is.',
      reason: 'invalid_kind',
    }

  let partySize: number | undefined
  if (args.party_size !== undefined && args.party_size !== null && args.party_size !== '') {
    const party = typeof args.party_size === 'string' ? Number(args.party_size.trim()) : args.party_size
    if (typeof party !== 'number' || !Number.isInteger(party) || party < 1 || party > 100_000)
      return { problem: 'party_size must be a whole number of people; ask how many.', reason: 'invalid_party_size' }
    partySize = party
  }

  const spokenCallback = text(args.callback_number, 120)
  let callbackNumber = callerNumber
  let ownNumber = true
  if (spokenCallback && !OWN_NUMBER.test(spokenCallback)) {
    const reading = readPhoneNumber(spokenCallback, country)
    if (!reading.ok) {
      const heard = reading.heard
        ? `I heard ${reading.heard.length} digits, ${[...reading.heard].join(' ')}`
        : 'I heard no digits'
      return {
        problem:
          `That callback number is not complete: ${heard}. ` +
          'Ask the caller to say the whole number again, digit by digit.',
        reason: 'invalid_callback_number',
      }
    }
    callbackNumber = reading.e164
    ownNumber = callbackNumber === callerNumber
  }
  if (!callbackNumber)
    return {
      problem: 'The number is withheld: ask for a number the staff can call back on, then call this again.',
      reason: 'missing_callback_number',
    }

  let email: string | undefined
  let spokenEmail: string | undefined
  const spokenAddress = text(args.email, 254)
  if (spokenAddress) {
    const reading = readEmail(spokenAddress)
    if (!reading.ok)
      return {
        problem: `That e-mail address is not complete (I have "${reading.heard}"). Ask the caller to spell it again.`,
        reason: 'invalid_email',
      }
    email = reading.address
    spokenEmail = reading.spoken
  }

  return {
    request: {
      kind: tool === 'message' ? 'message' : kind,
      name,
      callbackNumber,
      ...(reason && { reason }),
      ...(text(args.date, 60) && { date: text(args.date, 60) }),
      ...(partySize && { partySize }),
      ...(email && { email }),
      ...(text(args.notes, 2_000) && { notes: text(args.notes, 2_000) }),
    },
    contact: {
      ownNumber,
      spokenNumber: speakPhoneNumber(callbackNumber, country),
      ...(spokenEmail && { spokenEmail }),
    },
  }
}

import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import { speakDate } from '../hours/calendar-dates.models.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import { notificationsRepository } from '../notify/notifications.repository.ts'
import type { Notifier } from '../notify/notify.types.ts'
import type { ActionToolHandler, ToolContext } from '../vapi/tools.types.ts'
import { type ParsedContact, type Problem, parseMessageArguments } from './message-arguments.models.ts'
import { KIND_LABELS, leaveMessage, type MessageRequest } from './messages.usecases.ts'

const needsInput = ({ problem, reason }: Problem): ToolAnswer => ({
  result: problem,
  metadata: { outcome: 'needs_input', reason },
})

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const spokenDate = (date: string) => (ISO_DATE.test(date) && !Number.isNaN(Date.parse(date)) ? speakDate(date) : date)

/** The answer's read-back: the number (and e-mail) in groups, for the assistant to confirm. */
function readBack(request: MessageRequest, contact: ParsedContact) {
  const number = contact.ownNumber ? `the number you're calling from, ${contact.spokenNumber}` : contact.spokenNumber
  const email = contact.spokenEmail ? `, and write to ${contact.spokenEmail}` : ''
  const confirm = contact.spokenEmail ? 'the number and the e-mail' : 'the number'
  return `they will call ${request.name} back on ${number}${email}. Read ${confirm} back to the caller to confirm.`
}

/**
 * take_message and request_event: a message or an event request for the staff, and the
 * restaurant told at once (settings.notify). The callback number is the caller's own unless they
 * give another, which is read from speech, checked with the restaurant's country and read back.
 */
export function createMessageToolHandlers({
  database,
  activity,
  notify,
  defaultCountry,
}: {
  database: DatabaseHandle
  activity: ActivityRecorder
  notify: Pick<Notifier, 'tellRestaurant' | 'kick'>
  /** For national numbers when the restaurant's own number says no country. */
  defaultCountry: CountryCode
}) {
  const countryOf = async (restaurantId: string): Promise<CountryCode> => {
    const number = await database.withTenant(restaurantId, (tx) =>
      notificationsRepository.senderNumber(tx, { restaurantId }),
    )
    return (number && parsePhoneNumberFromString(number)?.country) || defaultCountry
  }

  const leave = async (kind: 'message' | 'event', args: Record<string, unknown>, context: ToolContext) => {
    const country = await countryOf(context.restaurant.id)
    const parsed = parseMessageArguments(kind, args, { country, callerNumber: context.callerNumber ?? null })
    if ('problem' in parsed) return needsInput(parsed)
    const { request, contact } = parsed
    const { message, corrected } = await leaveMessage({
      database,
      activity,
      notify,
      restaurantId: context.restaurant.id,
      request,
      vapiCallId: context.vapiCallId,
      callerNumber: context.callerNumber ?? null,
      now: context.now,
    })
    return { request, contact, message, corrected }
  }

  const take_message: ActionToolHandler = async ({ arguments: args, context }) => {
    const left = await leave('message', args, context)
    if ('result' in left) return left
    const { request, contact, message, corrected } = left
    const lead = corrected ? 'I corrected the message' : 'Your message is with the staff'
    return {
      result: `${lead}; ${readBack(request, contact)}`,
      metadata: { outcome: corrected ? 'corrected' : 'taken', message_id: message.id },
    }
  }

  const request_event: ActionToolHandler = async ({ arguments: args, context }) => {
    const left = await leave('event', args, context)
    if ('result' in left) return left
    const { request, contact, message, corrected } = left
    const what = [request.partySize && `${request.partySize} people`, request.date && spokenDate(request.date)].filter(
      Boolean,
    )
    const about = what.length ? ` (${what.join(', ')})` : ''
    const lead = corrected
      ? `I corrected the ${KIND_LABELS[request.kind]} request${about}`
      : `The ${KIND_LABELS[request.kind]} request${about} is with the staff`
    return {
      result: `${lead}; ${readBack(request, contact)}`,
      metadata: { outcome: corrected ? 'corrected' : 'requested', message_id: message.id, kind: request.kind },
    }
  }

  return { take_message, request_event }
}

import type { DatabaseHandle } from '../../infra/db/database.ts'
import { notFound } from '../../shared/errors.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import type { Notifier, RestaurantNotice } from '../notify/notify.types.ts'
import { latestCallerOrderId } from '../orders/order-followup.tools.ts'
import { createMessagesRepository, type MessageWithCall } from './messages.repository.ts'
import type { MessageKind, MessageRow, MessageStatus } from './messages.tables.ts'

/** What a caller left, as the tools checked it: numbers in E.164, the e-mail in its written form. */
export type MessageRequest = {
  kind: MessageKind
  name: string
  callbackNumber: string | null
  reason?: string
  date?: string
  partySize?: number
  email?: string
  notes?: string
}

/** The contract's message: optional fields are left out when the caller did not give them. */
export function formatMessageForApi(row: MessageRow & Partial<Pick<MessageWithCall, 'callId' | 'order'>>) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    callback_number: row.callbackNumber,
    ...(row.reason !== null && { reason: row.reason }),
    ...(row.eventDate !== null && { date: row.eventDate }),
    ...(row.partySize !== null && { party_size: row.partySize }),
    ...(row.email !== null && { email: row.email }),
    ...(row.notes !== null && { notes: row.notes }),
    status: row.status,
    vapi_call_id: row.vapiCallId,
    call_id: row.callId ?? null,
    order_id: row.orderId,
    // Read with the message on the routes; an event written with the message does not carry it.
    ...(row.order !== undefined && { order: row.order }),
    created_at: row.createdAt.toISOString(),
  }
}

export const KIND_LABELS: Record<MessageKind, string> = {
  message: 'message',
  large_party: 'large party',
  catering: 'catering',
  private_event: 'private event',
}

/** The SMS and e-mail the restaurant gets: who, what, how to call back. */
export function noticeOf(request: MessageRequest, corrected: boolean): RestaurantNotice {
  const what = request.kind === 'message' ? 'Message' : `${capitalise(KIND_LABELS[request.kind])} request`
  const details = [
    request.reason,
    request.partySize && `${request.partySize} people`,
    request.date && `date: ${request.date}`,
    request.notes && `notes: ${request.notes}`,
    `call back: ${request.callbackNumber ?? 'no number given'}`,
    request.email && `e-mail: ${request.email}`,
  ].filter(Boolean)
  return {
    subject: `${corrected ? 'Corrected: ' : ''}${what} from ${request.name}`,
    text: `${details.join('. ')}. (Phone assistant; see Messages in the dashboard.)`,
  }
}
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * Writes a message or an event request, its message.created event and the restaurant's notices in
 * one transaction. Said again in the same call (a corrected number), it corrects that message.
 */
export async function leaveMessage({
  database,
  activity,
  notify,
  restaurantId,
  request,
  vapiCallId,
  callerNumber,
  now,
}: {
  database: DatabaseHandle
  activity: ActivityRecorder
  notify: Pick<Notifier, 'tellRestaurant' | 'kick'>
  restaurantId: string
  request: MessageRequest
  vapiCallId: string | null
  /** The number the caller calls from: a message is linked to their latest recent order. */
  callerNumber?: string | null
  now: Date
}): Promise<{ message: MessageRow; corrected: boolean }> {
  const values = {
    kind: request.kind,
    name: request.name,
    callbackNumber: request.callbackNumber,
    reason: request.reason ?? null,
    eventDate: request.date ?? null,
    partySize: request.partySize ?? null,
    email: request.email ?? null,
    notes: request.notes ?? null,
  }
  const outcome = await database.withTenant(restaurantId, async (tx) => {
    const repository = createMessagesRepository({ db: tx, restaurantId })
    const orderId =
      request.kind === 'message' && callerNumber
        ? await latestCallerOrderId({ db: tx, restaurantId, phone: callerNumber, now })
        : null
    const earlier = vapiCallId ? (await repository.openOfCall({ vapiCallId, kind: request.kind })).message : undefined
    const { message } = earlier
      ? await repository.update({ id: earlier.id, values: { ...values, orderId, updatedAt: now } })
      : await repository.insert({ ...values, orderId, vapiCallId, createdAt: now, updatedAt: now })
    if (!earlier)
      await activity.record(tx, { restaurantId, type: 'message.created', data: formatMessageForApi(message) })
    await notify.tellRestaurant(restaurantId, noticeOf(request, Boolean(earlier)), { tx })
    return { message, corrected: Boolean(earlier) }
  })
  activity.kick()
  notify.kick()
  return outcome
}

export async function listMessages({
  database,
  restaurantId,
  status,
}: {
  database: DatabaseHandle
  restaurantId: string
  status?: MessageStatus
}): Promise<{ messages: MessageWithCall[] }> {
  return database.withTenant(restaurantId, (tx) => createMessagesRepository({ db: tx, restaurantId }).list({ status }))
}

export async function changeMessageStatus({
  database,
  restaurantId,
  messageId,
  status,
  now,
}: {
  database: DatabaseHandle
  restaurantId: string
  messageId: string
  status: MessageStatus
  now: Date
}): Promise<{ message: MessageWithCall }> {
  return database.withTenant(restaurantId, async (tx) => {
    const repository = createMessagesRepository({ db: tx, restaurantId })
    const { updated } = await repository.setStatus({ id: messageId, status, now })
    if (!updated) throw notFound('Message')
    const { message } = await repository.get({ id: messageId })
    return { message: message! }
  })
}

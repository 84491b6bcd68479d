import type { OrderRequest, OrderRequestLine } from './order-pricing.models.ts'
import { type Refusal, refuse } from './order-refusals.models.ts'

// The model's arguments, read defensively: numbers may come as strings, one option as a string.
// Whatever cannot be read is refused with what to send instead, never guessed.

const MAX_LINES = 50
const text = (value: unknown, max = 200) => (typeof value === 'string' ? value.trim().slice(0, max) : undefined)

function lineOf(value: unknown): OrderRequestLine | undefined {
  if (typeof value === 'string') return value.trim() ? { name: value.trim().slice(0, 200) } : undefined
  if (typeof value !== 'object' || value === null) return undefined
  const raw = value as Record<string, unknown>
  const name = text(raw.name)
  if (!name) return undefined
  const quantity = raw.quantity === undefined || raw.quantity === null ? undefined : Number(raw.quantity)
  const options = Array.isArray(raw.options) ? raw.options : typeof raw.options === 'string' ? [raw.options] : []
  return {
    name,
    ...(quantity === undefined ? {} : { quantity }),
    options: options.flatMap((o) => (typeof o === 'string' && o.trim() ? [o.trim().slice(0, 100)] : [])).slice(0, 20),
    ...(text(raw.notes, 300) ? { notes: text(raw.notes, 300) } : {}),
  }
}

export function parseOrderArguments(args: Record<string, unknown>): { request: OrderRequest } | Refusal {
  const items = Array.isArray(args.items) ? args.items : []
  if (items.length > MAX_LINES) return refuse('bad_arguments', `An order holds at most ${MAX_LINES} lines.`)
  const lines = items.map(lineOf)
  if (lines.some((line) => line === undefined))
    return refuse('bad_arguments', 'Each item needs a name, e.g. {"name": "Margherita Pizza", "quantity": 2}.')
  const fulfillment = text(args.fulfillment)?.toLowerCase()
  if (fulfillment !== 'pickup' && fulfillment !== 'delivery')
    return refuse('bad_arguments', 'Ask whether the order is for pickup or delivery, and pass fulfillment.')
  return {
    request: {
      items: lines as OrderRequestLine[],
      fulfillment,
      ...(text(args.postal_code, 20) ? { postal_code: text(args.postal_code, 20) } : {}),
      ...(text(args.pickup_time, 40) ? { pickup_time: text(args.pickup_time, 40) } : {}),
    },
  }
}

export const customerNameOf = (args: Record<string, unknown>) => text(args.customer_name, 200) || undefined

/** The whole order's notes and the party's allergies, free words; absent when not said. */
export function orderNotesOf(args: Record<string, unknown>): { notes?: string; allergies?: string } {
  const notes = text(args.notes, 500)
  const allergies = text(args.allergies, 300)
  return { ...(notes ? { notes } : {}), ...(allergies ? { allergies } : {}) }
}

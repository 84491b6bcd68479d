// Why an order cannot be quoted or placed: a stable reason for metadata and tests, and the one
// line the caller hears.

export type RefusalReason =
  | 'ordering_disabled'
  | 'no_items'
  | 'unknown_item'
  | 'ambiguous_item'
  | 'unavailable'
  | 'bad_quantity'
  | 'unknown_option'
  | 'postal_code_needed'
  | 'outside_zone'
  | 'under_minimum'
  | 'closed'
  | 'bad_pickup_time'
  | 'bad_arguments'
  | 'already_in_progress'
  | 'awaiting_payment'
  | 'payment_link_needs_number'
  | 'payment_unavailable'

export type Refusal = { refusal: RefusalReason; message: string; details?: Record<string, unknown> }

export const refuse = (refusal: RefusalReason, message: string, details?: Record<string, unknown>): Refusal => ({
  refusal,
  message,
  ...(details ? { details } : {}),
})

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && 'refusal' in value

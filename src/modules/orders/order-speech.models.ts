import type { OrderLine } from '../../infra/db/schema.ts'
import { speakMoney } from '../../shared/money.ts'

// What the caller hears: one line, prices as people say them on the phone.

/** "A", "A or B", "A, B and C". */
export function listNames(names: string[], joiner: 'and' | 'or'): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} ${joiner} ${names.at(-1)}`
}

/** "2 Margherita Pizza with Extra Cheese at $16.00 each, $32.00". */
export function speakLine(line: OrderLine, currency = 'USD'): string {
  const options = line.options.length > 0 ? ` with ${listNames(line.options, 'and')}` : ''
  const each = line.quantity > 1 ? ` at ${speakMoney(line.unit_price_cents, currency)} each` : ''
  return `${line.quantity} ${line.name}${options}${each}, ${speakMoney(line.line_total_cents, currency)}`
}

export function speakTotals(order: {
  subtotalCents: number
  deliveryFeeCents: number
  taxCents: number
  totalCents: number
  currency: string
}): string {
  const money = (cents: number) => speakMoney(cents, order.currency)
  const parts = [`subtotal ${money(order.subtotalCents)}`]
  if (order.deliveryFeeCents > 0) parts.push(`delivery fee ${money(order.deliveryFeeCents)}`)
  if (order.taxCents > 0) parts.push(`tax ${money(order.taxCents)}`)
  parts.push(`total ${money(order.totalCents)}`)
  return parts.join(', ')
}

/** "Allergies: peanuts. Order notes: ring the bell. ": first, so nobody misses it; empty without. */
export function speakNotes(order: { notes?: string | null; allergies?: string | null }): string {
  const parts = []
  if (order.allergies) parts.push(`Allergies: ${order.allergies}.`)
  if (order.notes) parts.push(`Order notes: ${order.notes}.`)
  return parts.length > 0 ? `${parts.join(' ')} ` : ''
}

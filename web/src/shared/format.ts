const moneyFormats = new Map<string, Intl.NumberFormat>()
function moneyFormat(currency: string) {
  let format = moneyFormats.get(currency)
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency })
    moneyFormats.set(currency, format)
  }
  return format
}

/** An amount in the restaurant's ISO 4217 currency, to its smallest unit; "—" until the currency is known. */
export function formatPrice(value: number | null | undefined, currency: string | undefined) {
  if (value == null || !currency) return '—'
  return moneyFormat(currency).format(value)
}

/** "$", "€", "SEK": what a price field shows before the amount. */
export const currencySymbol = (currency: string) =>
  moneyFormat(currency)
    .formatToParts(0)
    .find((part) => part.type === 'currency')?.value ?? currency

/** 2 for dollars and euros, 0 for yen: the decimals a price in the currency can have. */
export const currencyDecimals = (currency: string) => moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2

export function formatDateTime(iso: string | null | undefined, timeZone?: string) {
  if (!iso) return '—'
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  })
}

export function formatDuration(seconds: number | null | undefined) {
  if (seconds == null) return '—'
  const minutes = Math.floor(seconds / 60)
  const rest = Math.round(seconds % 60)
  return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`
}

/** Vapi's endedReason, readable: "customer-ended-call" → "Customer ended call". */
export function formatOutcome(outcome: string | null | undefined) {
  if (!outcome) return 'In progress'
  const words = outcome.replace(/[-_.]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const TOOL_LABELS: Record<string, string> = {
  get_menu_info: 'Menu',
  get_modifiers_info: 'Options and extras',
  get_hours_info: 'Opening hours',
  get_zones_info: 'Delivery',
  get_restaurant_info: 'Questions',
  quote_order: 'Order quotes',
  place_order: 'Orders placed',
  book_table: 'Table bookings',
  order_status: 'Order status asked',
  cancel_order: 'Order cancellations',
  transfer_call: 'Transfers to a person',
}
export const toolLabel = (tool: string) => TOOL_LABELS[tool] ?? tool

/** "Nov 8 – Dec 7, 2026" for two calendar dates (YYYY-MM-DD), as the insights' range is told. */
export function formatDayRange(first: string, last: string) {
  const day = (date: string, withYear: boolean) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
      timeZone: 'UTC',
      month: 'short',
      day: 'numeric',
      ...(withYear ? { year: 'numeric' } : {}),
    })
  return first === last ? day(last, true) : `${day(first, first.slice(0, 4) !== last.slice(0, 4))} – ${day(last, true)}`
}

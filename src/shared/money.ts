// Prices as the caller hears them and the dashboard shows them, in the restaurant's ISO 4217
// currency (the bundle's `currency`, USD by default).

const formats = new Map<string, Intl.NumberFormat>()
function format(currency: string, wholeUnits: boolean): Intl.NumberFormat {
  const key = `${currency}:${wholeUnits}`
  let found = formats.get(key)
  if (!found) {
    found = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...(wholeUnits && { minimumFractionDigits: 0, maximumFractionDigits: 0 }),
    })
    formats.set(key, found)
  }
  return found
}

/** Intl puts a no-break space after a code ("SEK 145"); a tool result is plain text. */
const said = (text: string) => text.replace(/\u00a0/g, ' ')

/**
 * A menu price, zone fee or minimum (in the currency's units, as the bundle writes them) as a
 * person says it: "$14", "$12.99", "75 cents", "€9.50", "¥1,200", "free". Whole amounts drop
 * their ".00", which nobody says aloud.
 */
export function speakPrice(amount: number, currency = 'USD'): string {
  if (amount === 0) return 'free'
  if (currency === 'USD' && amount < 1) return `${Math.round(amount * 100)} cents`
  return said(format(currency, Number.isInteger(amount)).format(amount))
}

/** "$16.00", "€16.00", "¥1,200": an amount in integer cents, to the cent (quotes, orders, texts). */
export function speakMoney(cents: number, currency = 'USD'): string {
  return said(format(currency, false).format(cents / 100))
}

import type { CountryCode } from 'libphonenumber-js'
import type { Settings } from './restaurant-settings.schemas.ts'
import { normalizePhoneNumber } from './restaurants.models.ts'

/**
 * What an export shows in place of `order_webhook.secret`. The secret has to stay readable to
 * sign each delivery (a hash cannot sign), so it is kept in the restaurant's settings row, under
 * row-level security, and never leaves through the API or the logs; a bundle sent back with this
 * placeholder keeps the stored secret, so export → PUT round-trips.
 */
export const HIDDEN_SECRET = '********'

export function settingsForExport(stored: Record<string, unknown>): Settings {
  // Validated against SettingsSchema on every write.
  const settings = stored as Settings
  const webhook = settings.order_webhook
  if (!webhook?.secret) return settings
  return { ...settings, order_webhook: { ...webhook, secret: HIDDEN_SECRET } }
}

/** Incoming settings with the placeholder replaced by the stored secret (or no secret, if none was stored). */
export function keepStoredSecret(incoming: Settings, stored: Record<string, unknown> | undefined): Settings {
  const webhook = incoming.order_webhook
  if (webhook?.secret !== HIDDEN_SECRET) return incoming
  const storedSecret = (stored?.order_webhook as Settings['order_webhook'])?.secret
  const { secret: _hidden, ...rest } = webhook
  return { ...incoming, order_webhook: storedSecret ? { ...rest, secret: storedSecret } : rest }
}

/** `notify.sms` as E.164 (libphonenumber: a bad number is a 400 naming it), both lists without repeats. */
export function normalizeNotify(settings: Settings, defaultCountry?: CountryCode): Settings {
  const notify = settings.notify
  if (!notify) return settings
  const sms = notify.sms?.map((number, i) =>
    normalizePhoneNumber(number, `body.settings.notify.sms.${i}`, defaultCountry),
  )
  const email = notify.email?.map((address) => address.trim())
  return {
    ...settings,
    notify: {
      ...(sms && { sms: [...new Set(sms)] }),
      ...(email && { email: [...new Map(email.map((address) => [address.toLowerCase(), address])).values()] }),
    },
  }
}

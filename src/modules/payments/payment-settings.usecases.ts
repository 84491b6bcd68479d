import { eq, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { badRequest } from '../../shared/errors.ts'
import type { Settings } from '../restaurants/restaurant-settings.schemas.ts'

const LINK_MODES = ['link', 'link_above']

export async function loadRestaurantSettings(database: DatabaseHandle, restaurantId: string): Promise<Settings> {
  return database.withTenant(restaurantId, async (tx) => {
    const [row] = await tx
      .select({ settings: restaurants.settings })
      .from(restaurants)
      .where(eq(restaurants.id, restaurantId))
    return (row?.settings ?? {}) as Settings
  })
}

/** Saving a link mode on a server without Stripe keys is refused: no caller could pay. */
export function assertPaymentsPossible(
  settings: Settings | undefined,
  config: { stripeSecretKey: string | undefined },
) {
  const mode = settings?.payments?.mode
  if (mode && LINK_MODES.includes(mode) && !config.stripeSecretKey)
    throw badRequest(
      `body.settings.payments.mode: "${mode}" needs payment links, and this server has no STRIPE_SECRET_KEY; ` +
        'use "at_pickup" or ask the operator to configure Stripe',
    )
}

/** At start: how many restaurants use a link mode (production refuses to start without keys then). */
export async function countLinkModeRestaurants(database: DatabaseHandle): Promise<number> {
  const result = await database.db.execute(
    sql`SELECT count(*)::int AS n FROM restaurants WHERE settings->'payments'->>'mode' IN ('link', 'link_above')`,
  )
  const rows = ((result as { rows?: { n: number }[] }).rows ?? result) as { n: number }[]
  return Number(rows[0]?.n ?? 0)
}

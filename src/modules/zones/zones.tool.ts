import type { DatabaseHandle } from '../../infra/db/database.ts'
import { timed } from '../../shared/stages.ts'
import type { ToolHandlers } from '../vapi/tools.types.ts'
import type { Zone } from './zones.models.ts'
import { answerZonesQuestion } from './zones-answer.models.ts'

/**
 * The restaurant's zones in menu order, in one statement: tenant_delivery_zones (migrations/0018)
 * scopes it to the restaurant (row-level security) as withTenant does. Outside any transaction.
 */
export async function deliveryZonesOf(database: Pick<DatabaseHandle, 'statement'>, restaurantId: string) {
  const { rows } = await database.statement('select * from tenant_delivery_zones($1::uuid)', [restaurantId])
  return rows.map(
    (row): Zone => ({
      name: row.zone_name as string,
      description: row.description as string | null,
      deliveryFee: Number(row.delivery_fee),
      minOrder: row.min_order === null ? null : Number(row.min_order),
      postalCodes: row.postal_codes as string[],
    }),
  )
}

/** get_zones_info: postcodes and zone names matched exactly or fuzzily; no search index needed. */
export function createZonesToolHandlers({ database }: { database: DatabaseHandle }) {
  return {
    async get_zones_info({ query, context }) {
      const zones = await timed(context.stages, 'search', () => deliveryZonesOf(database, context.restaurant.id))
      return timed(context.stages, 'rank', () =>
        answerZonesQuestion({ zones, query, currency: context.restaurant.currency }),
      )
    },
  } satisfies ToolHandlers
}

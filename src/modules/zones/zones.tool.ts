import { asc, eq } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { deliveryZones } from '../../infra/db/schema.ts'
import { timed } from '../../shared/stages.ts'
import type { ToolHandlers } from '../vapi/tools.types.ts'
import { answerZonesQuestion } from './zones-answer.models.ts'

/** get_zones_info: postcodes and zone names matched exactly or fuzzily; no search index needed. */
export function createZonesToolHandlers({ database }: { database: DatabaseHandle }) {
  return {
    async get_zones_info({ query, context }) {
      const zones = await timed(context.stages, 'search', () =>
        database.withTenant(context.restaurant.id, (tx) =>
          tx
            .select({
              name: deliveryZones.zoneName,
              description: deliveryZones.description,
              deliveryFee: deliveryZones.deliveryFee,
              minOrder: deliveryZones.minOrder,
              postalCodes: deliveryZones.postalCodes,
            })
            .from(deliveryZones)
            .where(eq(deliveryZones.restaurantId, context.restaurant.id))
            .orderBy(asc(deliveryZones.position)),
        ),
      )
      return timed(context.stages, 'rank', () =>
        answerZonesQuestion({ zones, query, currency: context.restaurant.currency }),
      )
    },
  } satisfies ToolHandlers
}

import { asc, eq } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { operatingHours } from '../../infra/db/schema.ts'
import { localTime } from '../../shared/local-time.ts'
import { timed } from '../../shared/stages.ts'
import type { ToolHandlers } from '../vapi/tools.types.ts'
import { buildSchedule } from './hours.models.ts'
import { answerHoursQuestion } from './hours-answer.models.ts'
import { understandHoursQuestion } from './hours-question.models.ts'

/** get_hours_info: computed from the schedule at the call's own time, never searched. */
export function createHoursToolHandlers({ database }: { database: DatabaseHandle }) {
  return {
    async get_hours_info({ query, context }) {
      const rows = await timed(context.stages, 'search', () =>
        database.withTenant(context.restaurant.id, (tx) =>
          tx
            .select({
              dayOfWeek: operatingHours.dayOfWeek,
              openTime: operatingHours.openTime,
              closeTime: operatingHours.closeTime,
              isClosed: operatingHours.isClosed,
            })
            .from(operatingHours)
            .where(eq(operatingHours.restaurantId, context.restaurant.id))
            .orderBy(asc(operatingHours.position)),
        ),
      )
      const now = localTime(context.now, context.restaurant.timezone)
      return timed(context.stages, 'rank', () =>
        answerHoursQuestion({
          schedule: buildSchedule(rows),
          question: understandHoursQuestion(query, now.weekday),
          now,
        }),
      )
    },
  } satisfies ToolHandlers
}

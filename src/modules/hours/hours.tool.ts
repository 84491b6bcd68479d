import type { DatabaseHandle } from '../../infra/db/database.ts'
import { localTime } from '../../shared/local-time.ts'
import { timed } from '../../shared/stages.ts'
import type { ToolHandlers } from '../vapi/tools.types.ts'
import { loadSchedule } from './hours.repository.ts'
import { answerHoursQuestion } from './hours-answer.models.ts'
import { understandHoursQuestion } from './hours-question.models.ts'

/** get_hours_info: computed from the schedule and special dates at the call's own time, never searched. */
export function createHoursToolHandlers({ database }: { database: DatabaseHandle }) {
  return {
    async get_hours_info({ query, context }) {
      const now = localTime(context.now, context.restaurant.timezone)
      const { schedule } = await timed(context.stages, 'search', () =>
        loadSchedule({ database, restaurantId: context.restaurant.id, today: now.date }),
      )
      const specials = [...schedule.specials.values()]
      return timed(context.stages, 'rank', () =>
        answerHoursQuestion({
          schedule,
          question: understandHoursQuestion(query, now.weekday, { date: now.date, specials }),
          now,
        }),
      )
    },
  } satisfies ToolHandlers
}

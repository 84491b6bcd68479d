import { and, asc, eq, gte, lte } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { operatingHours, specialDates } from '../../infra/db/schema.ts'
import { addDays } from './calendar-dates.models.ts'
import { buildSchedule } from './hours.models.ts'

/** A restaurant's weekly hours with its special dates from yesterday to a little over a year ahead. */
export async function loadSchedule({
  database,
  restaurantId,
  today,
}: {
  database: DatabaseHandle
  restaurantId: string
  today: string
}) {
  const { hours, specials } = await database.withTenant(restaurantId, async (tx) => {
    // Sequential: inside a transaction these share one connection.
    const hours = await tx
      .select({
        dayOfWeek: operatingHours.dayOfWeek,
        openTime: operatingHours.openTime,
        closeTime: operatingHours.closeTime,
        isClosed: operatingHours.isClosed,
      })
      .from(operatingHours)
      .where(eq(operatingHours.restaurantId, restaurantId))
      .orderBy(asc(operatingHours.position))
    const specials = await tx
      .select({
        date: specialDates.date,
        name: specialDates.name,
        openTime: specialDates.openTime,
        closeTime: specialDates.closeTime,
        isClosed: specialDates.isClosed,
      })
      .from(specialDates)
      .where(
        and(
          eq(specialDates.restaurantId, restaurantId),
          gte(specialDates.date, addDays(today, -1)),
          lte(specialDates.date, addDays(today, 401)),
        ),
      )
      .orderBy(asc(specialDates.date), asc(specialDates.position))
    return { hours, specials }
  })
  return { schedule: buildSchedule(hours, specials) }
}

import type { DatabaseHandle } from '../../infra/db/database.ts'
import { specialDates } from '../../infra/db/schema.ts'
import { requireOperatorOrRestaurant } from '../../shared/auth.ts'
import type { Clock, RestaurantEvents } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { setupCollectionRoutes } from '../restaurants/restaurant-items.routes.ts'
import { SpecialDateInput } from '../restaurants/restaurants.schemas.ts'
import { specialDateFromApi, specialDateToApi } from './special-dates.models.ts'

export type SpecialDateRoutesDeps = { database: DatabaseHandle; restaurantEvents: RestaurantEvents; clock: Clock }

/** GET/POST /api/restaurants/:id/special-dates, PATCH/DELETE …/special-dates/:dateId. */
export function setupSpecialDateRoutes(app: AppInstance, deps: SpecialDateRoutesDeps, { resolveCaller }: RouteContext) {
  setupCollectionRoutes(
    app,
    deps,
    { operatorOrOwner: requireOperatorOrRestaurant(resolveCaller) },
    {
      path: 'special-dates',
      idParam: 'dateId',
      table: specialDates,
      input: SpecialDateInput,
      category: 'special_dates',
      fromApi: specialDateFromApi,
      toApi: specialDateToApi,
    },
  )
}

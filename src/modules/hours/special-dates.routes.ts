import type { AppDeps } from '../../app/services.ts'
import { specialDates } from '../../infra/db/schema.ts'
import { requireOperatorOrRestaurant } from '../../shared/auth.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { setupCollectionRoutes } from '../restaurants/restaurant-items.routes.ts'
import { SpecialDateInput } from '../restaurants/restaurants.schemas.ts'
import { specialDateFromApi, specialDateToApi } from './special-dates.models.ts'

/** GET/POST /api/restaurants/:id/special-dates, PATCH/DELETE …/special-dates/:dateId. */
export function setupSpecialDateRoutes(app: AppInstance, deps: AppDeps, { resolveCaller }: RouteContext) {
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

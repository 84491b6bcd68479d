import { setupAuditRoutes } from '../modules/accounts/audit.routes.ts'
import { setupAuthRoutes } from '../modules/accounts/auth.routes.ts'
import { setupPeopleRoutes } from '../modules/accounts/people.routes.ts'
import { setupActivityRoutes } from '../modules/activity/activity.routes.ts'
import { setupCallInsightsRoutes } from '../modules/calls/call-insights.routes.ts'
import { setupCallRoutes } from '../modules/calls/calls.routes.ts'
import { setupDashboardRoutes } from '../modules/dashboard/dashboard.routes.ts'
import { setupFaqRoutes } from '../modules/faqs/faqs.routes.ts'
import { setupOpenStatusRoute } from '../modules/hours/open-status.routes.ts'
import { setupSpecialDateRoutes } from '../modules/hours/special-dates.routes.ts'
import { setupKnowledgeRoutes } from '../modules/knowledge/knowledge.routes.ts'
import { setupOrderRoutes } from '../modules/orders/orders.routes.ts'
import { setupPhoneNumberRoutes } from '../modules/phones/phone-numbers.routes.ts'
import { setupReservationRoutes } from '../modules/reservations/reservations.routes.ts'
import { setupRestaurantRoutes } from '../modules/restaurants/restaurants.routes.ts'
import { setupAnswerCacheRoutes } from '../modules/vapi/answer-cache.routes.ts'
import { setupTryItRoutes } from '../modules/vapi/try-it.routes.ts'
import { setupVapiRoutes } from '../modules/vapi/vapi.routes.ts'
import type { AppInstance, RouteContext } from '../shared/http.ts'
import type { AppDeps } from './services.ts'

/** Every capability's routes, in one explicit list. */
export async function setupRoutes(app: AppInstance, deps: AppDeps, context: RouteContext) {
  setupRestaurantRoutes(app, deps, context)
  setupCallRoutes(app, deps, context)
  setupCallInsightsRoutes(app, deps, context)
  await setupVapiRoutes(app, deps, context)
  setupAnswerCacheRoutes(app, deps, context)
  setupPhoneNumberRoutes(app, deps, context)
  setupKnowledgeRoutes(app, deps, context)
  setupAuthRoutes(app, deps)
  setupPeopleRoutes(app, deps, context)
  setupAuditRoutes(app, deps, context)
  setupFaqRoutes(app, deps, context)
  setupSpecialDateRoutes(app, deps, context)
  setupReservationRoutes(app, deps, context)
  setupOpenStatusRoute(app, deps, context)
  setupTryItRoutes(app, deps, context)
  setupOrderRoutes(app, deps, context)
  setupActivityRoutes(app, deps, context)
  await setupDashboardRoutes(app)
}

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
import { setupMessageRoutes } from '../modules/messages/messages.routes.ts'
import { setupOrderRoutes } from '../modules/orders/orders.routes.ts'
import { setupPhoneNumberRoutes } from '../modules/phones/phone-numbers.routes.ts'
import { setupReservationRoutes } from '../modules/reservations/reservations.routes.ts'
import { setupRestaurantRoutes } from '../modules/restaurants/restaurants.routes.ts'
import { setupAnswerCacheRoutes } from '../modules/vapi/answer-cache.routes.ts'
import { setupTryItRoutes } from '../modules/vapi/try-it.routes.ts'
import { setupVapiRoutes } from '../modules/vapi/vapi.routes.ts'
import type { AppInstance, RouteContext } from '../shared/http.ts'
import type { AppDeps } from './services.ts'

/**
 * Every capability's routes, in one explicit list. Each module is handed exactly the services its
 * dependency type names (declared in the module), never the whole container.
 */
export async function setupRoutes(app: AppInstance, deps: AppDeps, context: RouteContext) {
  const { config, database, clock, restaurantEvents, activity, knowledge, accounts, cache } = deps
  setupRestaurantRoutes(
    app,
    { config, database, clock, restaurantEvents, phoneAssigner: deps.phoneAssigner, outbound: deps.outbound },
    context,
  )
  setupCallRoutes(app, { database }, context)
  setupCallInsightsRoutes(app, { database, clock, knowledge }, context)
  await setupVapiRoutes(
    app,
    {
      config,
      database,
      clock,
      restaurantEvents,
      cache,
      knowledge,
      activity,
      notify: deps.notify,
      sms: deps.sms,
      metrics: deps.metrics,
      sharedAssistant: deps.sharedAssistant,
      callRecorder: deps.callRecorder,
    },
    context,
  )
  setupAnswerCacheRoutes(app, { config, database, cache }, context)
  setupPhoneNumberRoutes(
    app,
    { config, database, restaurantEvents, phoneAssigner: deps.phoneAssigner, phoneProviders: deps.phoneProviders },
    context,
  )
  setupKnowledgeRoutes(app, { database, knowledge }, context)
  setupAuthRoutes(app, { accounts })
  setupPeopleRoutes(app, { accounts, database }, context)
  setupAuditRoutes(app, { database }, context)
  setupFaqRoutes(app, { database, restaurantEvents, clock, knowledge }, context)
  setupSpecialDateRoutes(app, { database, restaurantEvents, clock }, context)
  setupReservationRoutes(app, { database, clock, activity }, context)
  setupOpenStatusRoute(app, { database, clock }, context)
  setupTryItRoutes(app, { database, clock, knowledge }, context)
  setupOrderRoutes(app, { database, activity }, context)
  setupActivityRoutes(app, { database, activity }, context)
  setupMessageRoutes(app, { database, clock }, context)
  await setupDashboardRoutes(app)
}

import type { AppInstance } from './server.ts'
import type { AppDeps } from './services.ts'
import type { CallerResolver } from './auth.ts'
import { setupRestaurantRoutes } from '../modules/restaurants/restaurants.routes.ts'
import { setupKnowledgeRoutes } from '../modules/knowledge/knowledge.routes.ts'

export type RouteContext = { resolveCaller: CallerResolver }

/** Every capability's routes, in one explicit list. */
export async function setupRoutes(app: AppInstance, deps: AppDeps, context: RouteContext) {
  setupRestaurantRoutes(app, deps, context)
  setupKnowledgeRoutes(app, deps, context)
}

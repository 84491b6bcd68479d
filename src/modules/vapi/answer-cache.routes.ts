import type { Config } from '../../config.ts'
import type { Cache } from '../../infra/cache/cache.types.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperator } from '../../shared/auth.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { createAnswerCache, toolsForCategories } from './answer-cache.ts'
import { TOOL_NAMES } from './assistant-config.ts'
import { CacheInvalidateBody, CacheInvalidateResponse } from './vapi.schemas.ts'

export type AnswerCacheRoutesDeps = { database: DatabaseHandle; cache: Cache; config: Pick<Config, 'cacheTtlSeconds'> }

export function setupAnswerCacheRoutes(app: AppInstance, deps: AnswerCacheRoutesDeps, { resolveCaller }: RouteContext) {
  const answerCache = createAnswerCache({ cache: deps.cache, ttlSeconds: deps.config.cacheTtlSeconds })

  app.post(
    '/api/embeddings/cache/invalidate',
    {
      onRequest: requireOperator(resolveCaller),
      schema: {
        tags: ['embeddings'],
        summary: "Forget a restaurant's cached tool answers (all tools, or those one kind of data affects)",
        body: CacheInvalidateBody,
        response: {
          200: CacheInvalidateResponse,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request) => {
      const { restaurant_id: restaurantId, category } = request.body
      await getRestaurantOrThrow({ database: deps.database, restaurantId })
      const tools = category ? toolsForCategories([category]) : [...TOOL_NAMES]
      await answerCache.invalidate({ restaurantId, tools })
      return { status: 'invalidated' as const, restaurant_id: restaurantId, tools }
    },
  )
}

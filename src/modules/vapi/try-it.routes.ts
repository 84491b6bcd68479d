import { Type } from 'typebox'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import { notFound } from '../../shared/errors.ts'
import type { Clock } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import { TOOL_NAMES, type ToolName } from './assistant-config.ts'
import { createTenantRepository } from './tenant.repository.ts'
import { createToolHandlers, type ToolHandlersDeps } from './tool-handlers.ts'
import { singleLine } from './vapi-messages.models.ts'

const ToolNameSchema = Type.Unsafe<ToolName>({ type: 'string', enum: [...TOOL_NAMES] })

export const TryItBody = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'As a caller would ask it' }),
    tool: Type.Optional(ToolNameSchema),
  },
  { additionalProperties: false },
)

export const TryItResponse = Type.Object({
  question: Type.String(),
  answers: Type.Array(
    Type.Object({
      tool: ToolNameSchema,
      result: Type.String({ description: 'The line the phone assistant would be told' }),
      unanswered: Type.Boolean({ description: 'Nothing relevant found: a real call would count it in insights' }),
    }),
  ),
})

export type TryItRoutesDeps = ToolHandlersDeps & { clock: Clock }

/**
 * "Try it": what each tool would tell the assistant for a question, from the live data. It runs the
 * webhook's own tool handlers for this restaurant, bypassing the answer cache (an owner checking a
 * change must see the change) and recording nothing (a test is not a call).
 */
export function setupTryItRoutes(app: AppInstance, deps: TryItRoutesDeps, { resolveCaller }: RouteContext) {
  const handlers = createToolHandlers(deps)
  const tenants = createTenantRepository({ db: deps.database.db })
  app.post(
    '/api/restaurants/:id/try',
    {
      onRequest: requireOperatorOrRestaurant(resolveCaller),
      schema: {
        tags: ['vapi', 'restaurants'],
        summary: 'What the assistant would be told, per tool, for a question (nothing is recorded)',
        params: IdParams,
        body: TryItBody,
        response: { 200: TryItResponse, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      const restaurant = await tenants.findById(restaurantId)
      if (!restaurant) throw notFound('Restaurant')
      const question = request.body.question.trim()
      const context = { restaurant, now: deps.clock.now(), vapiCallId: null }
      const tools = request.body.tool ? [request.body.tool] : TOOL_NAMES
      const answers = await Promise.all(
        tools.map(async (tool) => {
          const { result, unanswered = false } = await handlers[tool]({ query: question, context })
          return { tool, result: singleLine(result), unanswered }
        }),
      )
      return { question, answers }
    },
  )
}

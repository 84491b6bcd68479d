import { Type } from 'typebox'
import { type CallerResolver, requireOperator } from '../../shared/auth.ts'
import type { Clock } from '../../shared/events.ts'
import type { AppInstance } from '../../shared/http.ts'
import { ErrorSchema } from '../restaurants/restaurants.schemas.ts'
import { TOOL_NAMES } from './assistant-config.ts'
import type { TenantResolver } from './tenant-resolver.ts'
import { askTool } from './tool-ask.usecases.ts'
import type { ToolDispatcher } from './tool-calls.usecases.ts'

const AskBody = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 40, description: 'The dialled number, as a caller would dial it' }),
    question: Type.String({ minLength: 1, maxLength: 1000 }),
    tool: Type.Optional(
      Type.Union(
        TOOL_NAMES.map((name) => Type.Literal(name)),
        { description: 'The tool to call; chosen from the question when omitted' },
      ),
    ),
  },
  { additionalProperties: false },
)

const AskResponse = Type.Object({
  restaurant: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), currency: Type.String({ description: 'ISO 4217' }) }),
    Type.Null(),
  ]),
  tool: Type.String(),
  result: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
  metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
})

/** POST /api/tools/ask (operator): what the assistant would be told, through the webhook's own code. */
export function setupToolAskRoute(
  app: AppInstance,
  {
    resolver,
    answerToolCalls,
    clock,
    resolveCaller,
  }: { resolver: TenantResolver; answerToolCalls: ToolDispatcher; clock: Clock; resolveCaller: CallerResolver },
) {
  app.post(
    '/api/tools/ask',
    {
      onRequest: requireOperator(resolveCaller),
      schema: {
        tags: ['vapi'],
        summary: "Ask a restaurant's tools a question as a caller of that number would (nothing is recorded)",
        body: AskBody,
        response: { 200: AskResponse, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request) =>
      askTool({
        resolver,
        answerToolCalls,
        number: request.body.number,
        question: request.body.question,
        tool: request.body.tool,
        now: clock.now(),
      }),
  )
}

import { Type } from 'typebox'

export const VapiWebhookBody = Type.Object(
  {
    message: Type.Object(
      {
        type: Type.String({
          minLength: 1,
          maxLength: 100,
          description: 'assistant-request, tool-calls, function-call, status-update, end-of-call-report, …',
        }),
      },
      { additionalProperties: true },
    ),
  },
  { additionalProperties: true, description: 'A Vapi server message' },
)

export const VapiWebhookQuery = Type.Object({
  restaurant_id: Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'Operator override: the restaurant, when the call carries no number we know',
    }),
  ),
})

/** Every answer is an object whose shape depends on message.type (tool results, an assistant, `{}`). */
export const VapiWebhookResponse = Type.Object({}, { additionalProperties: true })

export const CacheInvalidateBody = Type.Object(
  {
    restaurant_id: Type.String({ format: 'uuid' }),
    category: Type.Optional(
      Type.Union(
        ['restaurant', 'menu', 'modifiers', 'hours', 'zones', 'faqs', 'special_dates'].map((c) => Type.Literal(c)),
        {
          description: 'Only the answers this kind of data affects; omitted = every tool',
        },
      ),
    ),
  },
  { additionalProperties: false },
)

export const CacheInvalidateResponse = Type.Object({
  status: Type.Literal('invalidated'),
  restaurant_id: Type.String(),
  tools: Type.Array(Type.String()),
})

import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperator } from '../../shared/auth.ts'
import { AppError } from '../../shared/errors.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { indexStatus } from './index-status.usecases.ts'
import type { Knowledge } from './knowledge.service.ts'
import { KNOWLEDGE_CATEGORIES } from './knowledge-documents.models.ts'
import { EmbeddingUnavailableError } from './knowledge-index.usecases.ts'

const GenerateBody = Type.Object(
  {
    restaurant_id: Type.String({ format: 'uuid' }),
    category: Type.Optional(
      Type.Union(
        KNOWLEDGE_CATEGORIES.map((c) => Type.Literal(c)),
        { description: 'Only this kind of document; all when omitted' },
      ),
    ),
    force: Type.Optional(
      Type.Boolean({ description: 'Re-embed every document, not only new, changed or pending ones', default: false }),
    ),
  },
  { additionalProperties: false },
)

const GenerateResult = Type.Object({
  status: Type.Literal('completed'),
  restaurant_id: Type.String(),
  embeddings_generated: Type.Integer({ description: 'Documents embedded by this request' }),
  unchanged: Type.Integer(),
  deleted: Type.Integer(),
  model: Type.String(),
})

const ModelStatus = Type.Object({
  model: Type.String(),
  current: Type.Boolean(),
  documents: Type.Integer(),
  embedded: Type.Integer(),
  pending: Type.Integer(),
})

export type KnowledgeRoutesDeps = { database: DatabaseHandle; knowledge: Knowledge }

export function setupKnowledgeRoutes(app: AppInstance, deps: KnowledgeRoutesDeps, { resolveCaller }: RouteContext) {
  app.get(
    '/api/embeddings/status',
    {
      onRequest: requireOperator(resolveCaller),
      schema: {
        tags: ['knowledge'],
        summary: 'The search index of every restaurant: documents, embedded and pending, per embedding model',
        response: {
          200: Type.Object({ model: Type.String(), documents: Type.Integer(), models: Type.Array(ModelStatus) }),
          401: ErrorSchema,
          403: ErrorSchema,
        },
      },
    },
    async () => indexStatus({ database: deps.database, currentModel: deps.knowledge.embeddings.model }),
  )

  app.post(
    '/api/embeddings/generate',
    {
      onRequest: requireOperator(resolveCaller),
      schema: {
        tags: ['knowledge'],
        summary:
          'Index a restaurant now: embeds new, changed and pending documents (all with force) ' +
          'and drops those of deleted rows',
        body: GenerateBody,
        response: {
          200: GenerateResult,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          503: ErrorSchema,
        },
      },
    },
    async (request) => {
      const { restaurant_id: restaurantId, category, force } = request.body
      await getRestaurantOrThrow({ database: deps.database, restaurantId })
      try {
        const report = await deps.knowledge.index({
          restaurantId,
          categories: category ? [category] : undefined,
          force,
          strict: true,
        })
        return {
          status: 'completed' as const,
          restaurant_id: restaurantId,
          embeddings_generated: report.embedded,
          unchanged: report.unchanged,
          deleted: report.deleted,
          model: deps.knowledge.embeddings.model,
        }
      } catch (error) {
        if (error instanceof EmbeddingUnavailableError) {
          throw new AppError(
            'embeddings_unavailable',
            'The embedding provider is unavailable; the documents keep answering from lexical search. Retry later.',
            503,
          )
        }
        throw error
      }
    },
  )
}

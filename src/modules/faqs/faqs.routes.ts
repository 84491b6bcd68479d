import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import type { Clock } from '../../shared/events.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { ErrorSchema, FaqInput, IdParams } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import { CreateFaqBody, FaqParams, FaqSchema } from './faqs.schemas.ts'
import { createFaq, deleteFaq, type FaqDeps, formatFaqForApi, listFaqs, updateFaq } from './faqs.usecases.ts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
const tags = ['faqs']

export type FaqRoutesDeps = FaqDeps & { clock: Clock }

/** GET/POST /api/restaurants/:id/faqs, PATCH/DELETE …/faqs/:faqId: the owner's own questions and answers. */
export function setupFaqRoutes(app: AppInstance, deps: FaqRoutesDeps, { resolveCaller }: RouteContext) {
  const onRequest = requireOperatorOrRestaurant(resolveCaller)
  const scoped = async (request: FastifyRequest) => {
    const restaurantId = restaurantScope(request.caller, (request.params as { id: string }).id)
    await getRestaurantOrThrow({ database: deps.database, restaurantId })
    return restaurantId
  }

  app.get(
    '/api/restaurants/:id/faqs',
    {
      onRequest,
      schema: {
        tags,
        summary: 'List FAQs',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(FaqSchema) }), ...errors },
      },
    },
    async (request) => {
      const { faqs } = await listFaqs({ database: deps.database, restaurantId: await scoped(request) })
      return { data: faqs.map(formatFaqForApi) }
    },
  )

  app.post(
    '/api/restaurants/:id/faqs',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Add an FAQ; with from_unanswered it answers that unanswered question',
        params: IdParams,
        body: CreateFaqBody,
        response: { 201: FaqSchema, ...errors },
      },
    },
    async (request, reply) => {
      const restaurantId = await scoped(request)
      const { faq } = await createFaq({ deps, restaurantId, input: request.body, now: deps.clock.now() })
      return reply.status(201).send(formatFaqForApi(faq))
    },
  )

  app.patch(
    '/api/restaurants/:id/faqs/:faqId',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Change an FAQ',
        params: FaqParams,
        body: Type.Partial(FaqInput),
        response: { 200: FaqSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      const { faq } = await updateFaq({ deps, restaurantId, faqId: request.params.faqId, input: request.body })
      return formatFaqForApi(faq)
    },
  )

  app.delete(
    '/api/restaurants/:id/faqs/:faqId',
    {
      onRequest,
      schema: { tags, summary: 'Remove an FAQ', params: FaqParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await deleteFaq({ deps, restaurantId: await scoped(request), faqId: request.params.faqId })
      return reply.status(204).send(null)
    },
  )
}

import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import { AppError } from '../../shared/errors.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { OrderParams, OrderSchema } from '../orders/orders.schemas.ts'
import { formatOrderForApi } from '../orders/orders.usecases.ts'
import { ErrorSchema } from '../restaurants/restaurants.schemas.ts'
import { getRestaurantOrThrow } from '../restaurants/restaurants.usecases.ts'
import type { Payments } from './payments.service.ts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
const tags = ['payments']
const WEBHOOK_BODY_LIMIT = 512 * 1024

export type PaymentRoutesDeps = { database: DatabaseHandle; payments: Payments | undefined }

const notConfigured = () =>
  new AppError('payments_not_configured', 'Payment links are not configured on this server (STRIPE_SECRET_KEY)', 409)

/** POST /api/payments/stripe/webhook and POST /api/restaurants/:id/orders/:orderId/payment-link. */
export function setupPaymentRoutes(app: AppInstance, deps: PaymentRoutesDeps, { resolveCaller }: RouteContext) {
  app.register(async (scope) => {
    // The signature is over the exact bytes Stripe sent, so the body is kept as a string.
    scope.removeContentTypeParser('application/json')
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_r, body, done) => done(null, body),
    )
    scope.post(
      '/api/payments/stripe/webhook',
      {
        schema: {
          tags,
          summary: "Stripe's signed events (checkout.session.completed pays an order); a bad signature → 400",
          response: { 200: Type.Object({ received: Type.Boolean(), outcome: Type.String() }), ...errors },
        },
      },
      async (request) => {
        if (!deps.payments) throw notConfigured()
        const signature = request.headers['stripe-signature']
        const outcome = await deps.payments.handleWebhook({
          rawBody: typeof request.body === 'string' ? request.body : '',
          signature: typeof signature === 'string' ? signature : undefined,
        })
        return { received: true, outcome }
      },
    )
  })

  const scoped = async (request: FastifyRequest) => {
    const restaurantId = restaurantScope(request.caller, (request.params as { id: string }).id)
    await getRestaurantOrThrow({ database: deps.database, restaurantId })
    return restaurantId
  }
  app.post(
    '/api/restaurants/:id/orders/:orderId/payment-link',
    {
      onRequest: requireOperatorOrRestaurant(resolveCaller),
      schema: {
        tags,
        summary: 'Texts the payment link again to the caller of an order awaiting payment (else 409)',
        params: OrderParams,
        response: { 200: OrderSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      if (!deps.payments) throw notConfigured()
      const { order } = await deps.payments.resendLink({ restaurantId, orderId: request.params.orderId })
      return formatOrderForApi(order)
    },
  )
}

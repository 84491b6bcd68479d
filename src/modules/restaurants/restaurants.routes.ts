import type { CountryCode } from 'libphonenumber-js'
import { Type } from 'typebox'
import type { Config } from '../../config.ts'
import type { OutboundGuard } from '../../infra/outbound/outbound-request.ts'
import { requireOperator, requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import { badRequest } from '../../shared/errors.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { secretEquals } from '../../shared/secrets.ts'
import { assertPaymentsPossible } from '../payments/payment-settings.usecases.ts'
import type { PhoneAssigner } from '../phones/phones.types.ts'
import { assertOwnerUrlsAllowed } from './owner-urls.usecases.ts'
import { parseBundle } from './restaurant-data.models.ts'
import { type CollectionRoutesDeps, setupRestaurantItemRoutes } from './restaurant-items.routes.ts'
import { createRestaurantsRepository } from './restaurants.repository.ts'
import {
  BundleSchema,
  CreatedRestaurantSchema,
  CreateRestaurantSchema,
  ErrorSchema,
  IdParams,
  RestaurantSchema,
} from './restaurants.schemas.ts'
import {
  createRestaurant,
  deleteRestaurant,
  describeRestaurant,
  describeRestaurants,
  exportRestaurant,
  getRestaurantOrThrow,
  replaceRestaurant,
  rotateApiKey,
} from './restaurants.usecases.ts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

export type RestaurantRoutesDeps = CollectionRoutesDeps & {
  config: Pick<Config, 'twilioCountry' | 'adminApiKey' | 'vapiSecretKey' | 'stripeSecretKey'>
  phoneAssigner: PhoneAssigner
  /** Where owner-set URLs (the order webhook) may point. */
  outbound: OutboundGuard
}

export function setupRestaurantRoutes(app: AppInstance, deps: RestaurantRoutesDeps, { resolveCaller }: RouteContext) {
  const operatorOnly = requireOperator(resolveCaller)
  const operatorOrOwner = requireOperatorOrRestaurant(resolveCaller)
  const country = deps.config.twilioCountry as CountryCode

  app.post(
    '/api/restaurants',
    {
      onRequest: operatorOnly,
      schema: {
        tags: ['restaurants'],
        summary: 'Create a restaurant from a bundle; indexed before the response',
        body: CreateRestaurantSchema,
        response: { 201: CreatedRestaurantSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { api_key: apiKey, assign_phone: assignPhone, force_twilio: forceTwilio } = request.body
      if (
        apiKey &&
        [deps.config.adminApiKey, deps.config.vapiSecretKey].some((secret) => secretEquals(apiKey, secret))
      ) {
        throw badRequest('body.api_key must not equal a server secret', [
          { field: 'body.api_key', problem: 'must not equal a server secret' },
        ])
      }
      const bundle = parseBundle(request.body, { defaultCountry: country })
      await assertOwnerUrlsAllowed(bundle.settings, deps.outbound)
      assertPaymentsPossible(bundle.settings, deps.config)
      const { restaurant, apiKey: key } = await createRestaurant({ deps, bundle, apiKey })
      const phoneAssignment = assignPhone
        ? await deps.phoneAssigner.assign({ restaurantId: restaurant.id, forceTwilio: forceTwilio ?? false })
        : null
      const described = await describeRestaurant({ database: deps.database, restaurant })
      return reply.status(201).send({ ...described, api_key: key, phone_assignment: phoneAssignment })
    },
  )

  app.get(
    '/api/restaurants',
    {
      onRequest: operatorOnly,
      schema: {
        tags: ['restaurants'],
        summary: 'List restaurants (operator)',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: { 200: Type.Object({ data: Type.Array(RestaurantSchema), total: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const { restaurants, total } = await createRestaurantsRepository({ db: deps.database.db }).listRestaurants(
        request.query,
      )
      return { data: await describeRestaurants({ database: deps.database, restaurants }), total }
    },
  )

  app.get(
    '/api/restaurants/:id',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags: ['restaurants'],
        summary: 'One restaurant',
        params: IdParams,
        response: { 200: RestaurantSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      const { restaurant } = await getRestaurantOrThrow({ database: deps.database, restaurantId })
      return describeRestaurant({ database: deps.database, restaurant })
    },
  )

  app.get(
    '/api/restaurants/:id/export',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags: ['restaurants'],
        summary: 'The restaurant as a bundle',
        params: IdParams,
        response: { 200: BundleSchema, ...errors },
      },
    },
    async (request) =>
      exportRestaurant({
        database: deps.database,
        restaurantId: restaurantScope(request.caller, request.params.id),
        now: deps.clock.now(),
      }),
  )

  app.put(
    '/api/restaurants/:id',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags: ['restaurants'],
        summary: 'Replace the sections the bundle carries (omitted sections are kept); re-indexes what changed',
        params: IdParams,
        body: BundleSchema,
        response: { 200: RestaurantSchema, ...errors },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      const bundle = parseBundle(request.body, { defaultCountry: country })
      await assertOwnerUrlsAllowed(bundle.settings, deps.outbound)
      assertPaymentsPossible(bundle.settings, deps.config)
      const { restaurant } = await replaceRestaurant({ deps, restaurantId, bundle })
      return describeRestaurant({ database: deps.database, restaurant })
    },
  )

  app.delete(
    '/api/restaurants/:id',
    {
      onRequest: operatorOnly,
      schema: {
        tags: ['restaurants'],
        summary: 'Delete a restaurant and release its numbers',
        params: IdParams,
        querystring: Type.Object({
          release_numbers: Type.Boolean({
            default: false,
            description: 'Also release the numbers at Twilio (stops billing)',
          }),
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteRestaurant({
        deps,
        restaurantId: request.params.id,
        beforeDelete: ({ restaurantId }) =>
          deps.phoneAssigner.releaseAll({ restaurantId, releaseAtProvider: request.query.release_numbers }),
      })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/restaurants/:id/api-key/rotate',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags: ['restaurants'],
        summary: 'Replace the restaurant API key; the old one stops working at once',
        params: IdParams,
        response: { 200: Type.Object({ id: Type.String(), api_key: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      const { apiKey } = await rotateApiKey({ database: deps.database, restaurantId })
      return { id: restaurantId, api_key: apiKey }
    },
  )

  setupRestaurantItemRoutes(app, deps, { operatorOrOwner })
}

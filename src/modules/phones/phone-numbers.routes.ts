import type { CountryCode } from 'libphonenumber-js'
import { Type } from 'typebox'
import type { Config } from '../../config.ts'
import { type Caller, requireOperatorOrRestaurant, restaurantScope } from '../../shared/auth.ts'
import { AppError } from '../../shared/errors.ts'
import type { AppInstance, RouteContext } from '../../shared/http.ts'
import { fieldError, normalizePhoneNumber } from '../restaurants/restaurants.models.ts'
import { ErrorSchema, IdParams } from '../restaurants/restaurants.schemas.ts'
import {
  AddedPhoneNumberSchema,
  AddPhoneNumberSchema,
  PhoneNumberListSchema,
  PhoneNumberParams,
} from './phone-numbers.schemas.ts'
import {
  listRestaurantNumbers,
  mapNumber,
  type PhoneNumbersDeps,
  provisionNumber,
  removeNumber,
} from './phone-numbers.usecases.ts'

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  502: ErrorSchema,
  503: ErrorSchema,
}

/** Spending money (buying) and giving numbers back to Twilio are the operator's decisions. */
function requireOperatorFor(caller: Caller | undefined, action: string) {
  if (caller?.kind !== 'operator') throw new AppError('forbidden', `Only the operator can ${action}`, 403)
}

export type PhoneNumberRoutesDeps = PhoneNumbersDeps & { config: Pick<Config, 'twilioCountry'> }

export function setupPhoneNumberRoutes(app: AppInstance, deps: PhoneNumberRoutesDeps, { resolveCaller }: RouteContext) {
  const operatorOrOwner = requireOperatorOrRestaurant(resolveCaller)
  const country = deps.config.twilioCountry as CountryCode

  app.get(
    '/api/restaurants/:id/phone-numbers',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags: ['phone numbers'],
        summary: "The restaurant's phone numbers",
        params: IdParams,
        response: { 200: PhoneNumberListSchema, ...errors },
      },
    },
    async (request) =>
      listRestaurantNumbers({ deps, restaurantId: restaurantScope(request.caller, request.params.id) }),
  )

  app.post(
    '/api/restaurants/:id/phone-numbers',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags: ['phone numbers'],
        summary: 'Map a number the restaurant owns ({phone_number}), or provision one ({provision: true}, operator)',
        params: IdParams,
        body: AddPhoneNumberSchema,
        response: { 200: AddedPhoneNumberSchema, 201: AddedPhoneNumberSchema, ...errors },
      },
    },
    async (request, reply) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      const { phone_number: given, provision, force_twilio: forceTwilio, area_code: areaCode } = request.body
      if ((given === undefined) === (provision !== true)) {
        throw fieldError('body.phone_number', 'or body.provision: true is required, not both')
      }
      if (given === undefined) {
        requireOperatorFor(request.caller, 'provision phone numbers')
        const { number, source } = await provisionNumber({
          deps,
          restaurantId,
          forceTwilio: forceTwilio ?? false,
          areaCode,
        })
        return reply.status(201).send({ ...number, assignment_source: source })
      }
      if (forceTwilio !== undefined || areaCode !== undefined)
        throw fieldError('body.phone_number', 'cannot be combined with force_twilio or area_code')
      const phoneNumber = normalizePhoneNumber(given, 'body.phone_number', country)
      const { number, created } = await mapNumber({
        deps,
        restaurantId,
        phoneNumber,
        byOperator: request.caller?.kind === 'operator',
      })
      return reply.status(created ? 201 : 200).send(number)
    },
  )

  app.delete(
    '/api/restaurants/:id/phone-numbers/:number',
    {
      onRequest: operatorOrOwner,
      schema: {
        tags: ['phone numbers'],
        summary:
          'Unmap a number; a provisioned number returns to the pool, or to Twilio with release_number (operator)',
        params: PhoneNumberParams,
        querystring: Type.Object({
          release_number: Type.Boolean({
            default: false,
            description: 'Give the number back to Twilio (stops billing)',
          }),
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const restaurantId = restaurantScope(request.caller, request.params.id)
      if (request.query.release_number) requireOperatorFor(request.caller, 'release numbers at Twilio')
      const phoneNumber = normalizePhoneNumber(request.params.number, 'params.number', country)
      await removeNumber({ deps, restaurantId, phoneNumber, releaseAtProvider: request.query.release_number })
      return reply.status(204).send(null)
    },
  )
}

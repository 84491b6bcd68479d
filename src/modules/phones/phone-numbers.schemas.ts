import { type Static, Type } from 'typebox'

export const PhoneNumberParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String({ minLength: 3, maxLength: 32, description: 'The number, E.164 preferred (URL-encode the +)' }),
})

export const AddPhoneNumberSchema = Type.Object(
  {
    phone_number: Type.Optional(
      Type.String({ minLength: 3, maxLength: 32, description: 'Map a number the restaurant already owns' }),
    ),
    provision: Type.Optional(Type.Boolean({ description: 'Find or buy a number and import it into Vapi (operator)' })),
    force_twilio: Type.Optional(
      Type.Boolean({ description: 'With provision: skip numbers already in Vapi and use Twilio' }),
    ),
    area_code: Type.Optional(
      Type.String({ pattern: '^[2-9][0-9]{2}$', description: 'With provision: US/CA area code to buy in' }),
    ),
  },
  { additionalProperties: false },
)
export type AddPhoneNumberInput = Static<typeof AddPhoneNumberSchema>

export const PhoneNumberSchema = Type.Object({
  phone_number: Type.String(),
  source: Type.String({ description: 'manual (mapped by hand), vapi, twilio_owned or twilio_purchased' }),
  vapi_phone_number_id: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
})

export const AddedPhoneNumberSchema = Type.Object({
  ...PhoneNumberSchema.properties,
  assignment_source: Type.Optional(
    Type.String({ description: 'How a provisioned number was found: pool, vapi, twilio_owned, twilio_purchased' }),
  ),
})

export const PhoneNumberListSchema = Type.Object({ data: Type.Array(PhoneNumberSchema) })

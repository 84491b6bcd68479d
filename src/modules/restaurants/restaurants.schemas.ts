import { type Static, Type } from 'typebox'
import { SettingsSchema } from './restaurant-settings.schemas.ts'

// The restaurant bundle (examples/README.md): what POST /api/restaurants accepts and
// GET /api/restaurants/:id/export returns.

// At least one visible character: names are trimmed before storage, and a blank one says nothing to a caller.
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
const Description = Type.String({ maxLength: 2000 })
const Money = Type.Number({ minimum: 0, maximum: 1_000_000 })
const Words = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })
export const TIME_PATTERN = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
const Time = Type.String({ pattern: TIME_PATTERN, description: 'HH:MM, 24 h' })
const DayOfWeek = Type.String({
  minLength: 3,
  maxLength: 9,
  description: 'English day name or 3-letter abbreviation, any case',
})

export const MenuItemInput = Type.Object(
  {
    name: Name,
    description: Type.Optional(Type.Union([Description, Type.Null()])),
    price: Money,
    category: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    available: Type.Optional(Type.Boolean()),
    available_again_at: Type.Optional(
      Type.Union([
        Type.String({
          format: 'date-time',
          description: 'With available: false, the item comes back by itself at this time ("sold out tonight")',
        }),
        Type.Null(),
      ]),
    ),
    dietary: Type.Optional(Words),
    allergens: Type.Optional(Words),
  },
  { additionalProperties: false },
)

export const ModifierInput = Type.Object(
  {
    name: Name,
    description: Type.Optional(Type.Union([Description, Type.Null()])),
    price: Money,
  },
  { additionalProperties: false },
)

export const OperatingHoursInput = Type.Object(
  {
    day_of_week: DayOfWeek,
    open_time: Type.Optional(Type.Union([Time, Type.Null()])),
    close_time: Type.Optional(Type.Union([Time, Type.Null()])),
    is_closed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const DeliveryZoneInput = Type.Object(
  {
    zone_name: Name,
    description: Type.Optional(Type.Union([Description, Type.Null()])),
    delivery_fee: Money,
    min_order: Type.Optional(Type.Union([Money, Type.Null()])),
    postal_codes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 500 })),
  },
  { additionalProperties: false },
)

export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'

export const FaqInput = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
    answer: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
  },
  { additionalProperties: false },
)

export const SpecialDateInput = Type.Object(
  {
    date: Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD, in the restaurant time zone' }),
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    is_closed: Type.Optional(Type.Boolean()),
    open_time: Type.Optional(Type.Union([Time, Type.Null()])),
    close_time: Type.Optional(Type.Union([Time, Type.Null()])),
  },
  { additionalProperties: false, description: 'Rows for one date are its shifts; they replace the weekday hours' },
)

const bundleFields = {
  name: Name,
  timezone: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/New_York' }),
  ),
  currency: Type.Optional(
    Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. USD (the default), EUR, JPY' }),
  ),
  phone_numbers: Type.Optional(Type.Array(Type.String({ minLength: 3, maxLength: 32 }), { maxItems: 20 })),
  menu_items: Type.Optional(Type.Array(MenuItemInput, { maxItems: 2000 })),
  modifiers: Type.Optional(Type.Array(ModifierInput, { maxItems: 1000 })),
  operating_hours: Type.Optional(Type.Array(OperatingHoursInput, { maxItems: 70 })),
  delivery_zones: Type.Optional(Type.Array(DeliveryZoneInput, { maxItems: 200 })),
  faqs: Type.Optional(Type.Array(FaqInput, { maxItems: 500 })),
  special_dates: Type.Optional(Type.Array(SpecialDateInput, { maxItems: 1000 })),
  settings: Type.Optional(SettingsSchema),
}

export const BundleSchema = Type.Object(bundleFields, { additionalProperties: false })
export type Bundle = Static<typeof BundleSchema>

export const CreateRestaurantSchema = Type.Object(
  {
    ...bundleFields,
    api_key: Type.Optional(
      Type.String({
        minLength: 24,
        maxLength: 256,
        pattern: '^[\\x21-\\x7e]+$',
        description: 'Your own key; otherwise one is generated and returned once',
      }),
    ),
    assign_phone: Type.Optional(Type.Boolean()),
    force_twilio: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type CreateRestaurantInput = Static<typeof CreateRestaurantSchema>

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const ItemParams = Type.Object({ id: Type.String({ format: 'uuid' }), itemId: Type.String({ format: 'uuid' }) })

export const RestaurantSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timezone: Type.String(),
  currency: Type.String(),
  phone_number: Type.Union([Type.String(), Type.Null()]),
  phone_numbers: Type.Array(Type.String()),
  counts: Type.Object({
    menu_items: Type.Integer(),
    modifiers: Type.Integer(),
    operating_hours: Type.Integer(),
    delivery_zones: Type.Integer(),
  }),
  settings: SettingsSchema,
  created_at: Type.String(),
  updated_at: Type.String(),
})

export const CreatedRestaurantSchema = Type.Object({
  ...RestaurantSchema.properties,
  api_key: Type.String({ description: 'Shown once; only its hash is stored' }),
  phone_assignment: Type.Optional(
    Type.Union([
      Type.Object(
        {
          status: Type.String(),
          reason: Type.Optional(Type.String()),
          source: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
      Type.Null(),
    ]),
  ),
})

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    request_id: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
})

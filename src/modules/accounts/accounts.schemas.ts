import { Type } from 'typebox'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts'

const strict = { additionalProperties: false }
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
export const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
const Token = Type.String({ minLength: 1, maxLength: 256 })

export const LoginSchema = Type.Object(
  { email: Email, password: Type.String({ maxLength: MAX_PASSWORD_LENGTH }) },
  strict,
)
export const AcceptInviteSchema = Type.Object(
  {
    token: Token,
    password: Password,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Only for the first operator's setup link (its preview has no email): the email to sign in with. */
    email: Type.Optional(Email),
  },
  strict,
)
export const InviteTokenSchema = Type.Object({ token: Token }, strict)
export const InvitePreviewSchema = Type.Object({
  /** null: the first operator's setup link, accepted with an email of one's choice. */
  email: Type.Union([Type.String(), Type.Null()]),
  role: Type.String(),
  restaurant: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  /** The email already has an account: its password accepts the invite. */
  account_exists: Type.Boolean(),
})
export const ResetRequestSchema = Type.Object({ email: Email }, strict)
export const ResetConfirmSchema = Type.Object({ token: Token, password: Password }, strict)
export const PasswordChangeSchema = Type.Object(
  { current_password: Type.String({ maxLength: MAX_PASSWORD_LENGTH }), new_password: Password },
  strict,
)

export const RestaurantInviteSchema = Type.Object(
  { email: Email, role: Type.Union([Type.Literal('owner'), Type.Literal('staff')]) },
  strict,
)
export const OperatorInviteSchema = Type.Object({ email: Email, role: Type.Literal('operator') }, strict)
export const InviteCreatedSchema = Type.Object({
  invite_url: Type.String(),
  token: Type.String(),
  expires_at: Type.String(),
  email: Type.String(),
  role: Type.String(),
  /** Whether the link was also mailed (SMTP configured and the server accepted it). */
  mailed: Type.Boolean(),
})

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  is_operator: Type.Boolean(),
})
export const MembershipSchema = Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })
export const SignedInSchema = Type.Object({ user: UserSchema, restaurants: Type.Array(MembershipSchema) })
export const MeSchema = Type.Object({
  user: UserSchema,
  restaurants: Type.Array(MembershipSchema),
  csrf_token: Type.String(),
})

export const MemberParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  userId: Type.String({ format: 'uuid' }),
})
export const MemberSchema = Type.Object({
  user_id: Type.String(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  role: Type.String(),
  since: Type.String(),
})
export const MemberChangeSchema = Type.Object(
  { role: Type.Union([Type.Literal('owner'), Type.Literal('staff')]) },
  strict,
)

export const AuditQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
})
export const AuditPageSchema = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.String(),
      at: Type.String(),
      actor: Type.Object({
        kind: Type.String(),
        user_id: Type.Union([Type.String(), Type.Null()]),
        email: Type.Union([Type.String(), Type.Null()]),
      }),
      method: Type.String(),
      route: Type.String(),
      status_code: Type.Integer(),
    }),
  ),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
})
export const SetupStatusSchema = Type.Object({
  /** No operator exists yet: the setup link printed in the server's console is the way in. */
  first_operator_needed: Type.Boolean(),
})

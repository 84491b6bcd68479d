import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { assertSameOrigin, sessionFromCookie } from '../../shared/auth.ts'
import { unauthorized } from '../../shared/errors.ts'
import type { AppInstance } from '../../shared/http.ts'
import { ErrorSchema } from '../restaurants/restaurants.schemas.ts'
import { formatMembershipsForApi, formatUserForApi } from './accounts.models.ts'
import { createAccountsRepository } from './accounts.repository.ts'
import {
  AcceptInviteSchema,
  InvitePreviewSchema,
  InviteTokenSchema,
  LoginSchema,
  MeSchema,
  PasswordChangeSchema,
  ResetConfirmSchema,
  ResetRequestSchema,
  SetupStatusSchema,
  SignedInSchema,
} from './accounts.schemas.ts'
import { type Accounts, SESSION_COOKIE } from './accounts.service.ts'
import { firstOperatorNeeded } from './first-operator.usecases.ts'
import { acceptInvite, describeInvite } from './invites.usecases.ts'
import { changePassword } from './password-change.usecases.ts'
import { confirmPasswordReset, requestPasswordReset } from './password-reset.usecases.ts'
import { signIn } from './sign-in.usecases.ts'

const tags = ['accounts']
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema }

/** Starts a session for the user and answers who they are and where they belong. */
async function startSession(accounts: Accounts, reply: FastifyReply, userId: string) {
  const { sessionId } = await accounts.sessions.create({ userId })
  reply.setCookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: accounts.secureCookies,
    maxAge: accounts.sessions.maxSeconds,
  })
  const repository = createAccountsRepository({ db: accounts.database.db })
  const { user } = await repository.findUserById({ userId })
  const { memberships } = await repository.listMemberships({ userId })
  return { user: formatUserForApi(user!), restaurants: formatMembershipsForApi(memberships) }
}

/** Runs a password check; when it is refused for too many failures, the answer says how long to wait. */
async function withRetryAfter<T>(reply: FastifyReply, check: () => Promise<T>): Promise<T> {
  try {
    return await check()
  } catch (error) {
    const wait = (error as { details?: { retry_after_seconds?: number } }).details?.retry_after_seconds
    if (wait !== undefined) reply.header('retry-after', String(wait))
    throw error
  }
}

export type AuthRoutesDeps = { accounts: Accounts }

export function setupAuthRoutes(app: AppInstance, deps: AuthRoutesDeps) {
  const { accounts } = deps
  // Signing in, accepting and resetting come from our own pages only (no login CSRF from other sites).
  const sameOrigin = async (request: FastifyRequest) => assertSameOrigin(request, accounts)
  const withSession = async (request: FastifyRequest) => {
    if (request.headers.authorization !== undefined) throw unauthorized('This route needs a session cookie')
    await sessionFromCookie(request, accounts)
  }

  app.post(
    '/api/auth/login',
    {
      onRequest: sameOrigin,
      schema: {
        tags,
        summary: 'Sign in with an email and a password; sets the session cookie',
        body: LoginSchema,
        response: { 200: SignedInSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body
      return withRetryAfter(reply, async () => {
        const { userId } = await signIn({ accounts, email, password, address: request.ip })
        return startSession(accounts, reply, userId)
      })
    },
  )

  app.post(
    '/api/auth/logout',
    {
      onRequest: withSession,
      schema: { tags, summary: 'End this session, on every instance', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await accounts.sessions.revoke({ idHash: request.session!.idHash })
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: accounts.secureCookies })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/auth/me',
    {
      onRequest: withSession,
      schema: {
        tags,
        summary: 'Who is signed in, their restaurants, and the CSRF token for writes',
        response: { 200: MeSchema, ...errors },
      },
    },
    (request) => {
      const session = request.session!
      return {
        user: formatUserForApi(session.user),
        restaurants: formatMembershipsForApi(session.memberships),
        csrf_token: session.csrfToken,
      }
    },
  )

  app.post(
    '/api/auth/password',
    {
      onRequest: withSession,
      schema: {
        tags,
        summary: "Change one's password with the current one; the account's other sessions end",
        body: PasswordChangeSchema,
        response: { 200: Type.Object({ status: Type.Literal('changed') }), ...errors },
      },
    },
    async (request, reply) => {
      const session = request.session!
      await withRetryAfter(reply, () =>
        changePassword({
          accounts,
          userId: session.user.id,
          sessionIdHash: session.idHash,
          currentPassword: request.body.current_password,
          newPassword: request.body.new_password,
          address: request.ip,
        }),
      )
      return { status: 'changed' as const }
    },
  )

  app.post(
    '/api/auth/accept-invite',
    {
      onRequest: sameOrigin,
      schema: {
        tags,
        summary: 'Accept an invite with a password; sets the session cookie',
        body: AcceptInviteSchema,
        response: { 200: SignedInSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { userId } = await acceptInvite({ accounts, ...request.body })
      return startSession(accounts, reply, userId)
    },
  )

  app.get(
    '/api/auth/setup-status',
    {
      schema: {
        tags,
        summary: "Whether the first operator is still to be created (with the setup link in the server's console)",
        response: { 200: SetupStatusSchema },
      },
    },
    async () => ({ first_operator_needed: await firstOperatorNeeded(accounts.database) }),
  )

  app.post(
    '/api/auth/accept-invite/preview',
    {
      onRequest: sameOrigin,
      schema: {
        tags,
        summary: 'What an invite is for (email, role, restaurant) before it is accepted; the token is in the body',
        body: InviteTokenSchema,
        response: { 200: InvitePreviewSchema, ...errors },
      },
    },
    (request) => describeInvite({ accounts, token: request.body.token }),
  )

  app.post(
    '/api/auth/password-reset',
    {
      onRequest: sameOrigin,
      schema: {
        tags,
        summary: 'Mail a reset link if the account exists; the answer is the same either way',
        body: ResetRequestSchema,
        response: { 202: Type.Object({ status: Type.Literal('accepted') }), ...errors },
      },
    },
    async (request, reply) => {
      requestPasswordReset({ accounts, email: request.body.email, address: request.ip })
      return await reply.status(202).send({ status: 'accepted' })
    },
  )

  app.post(
    '/api/auth/password-reset/confirm',
    {
      onRequest: sameOrigin,
      schema: {
        tags,
        summary: "Set a new password with a reset token; the account's other sessions end",
        body: ResetConfirmSchema,
        response: { 200: SignedInSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { userId } = await confirmPasswordReset({ accounts, ...request.body })
      return startSession(accounts, reply, userId)
    },
  )
}

import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { AppError, notFound } from '../../shared/errors.ts'
import { createAccountsRepository, normalizeEmail } from './accounts.repository.ts'
import { type Accounts, INVITE_DAYS } from './accounts.service.ts'
import { type InviteRole, invites } from './accounts.tables.ts'
import { setupEmail } from './first-operator.usecases.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { hashToken, newToken } from './tokens.ts'

export const invalidToken = (what: string) =>
  new AppError('invalid_token', `This ${what} link is invalid, already used or expired`, 400)

/**
 * An invite for one email and role: a restaurant's owner or staff, or an operator (no restaurant).
 * The link is returned to whoever invited in every case, and mailed when SMTP is configured.
 */
export async function createInvite({
  accounts,
  email,
  role,
  restaurantId,
  invitedBy,
}: {
  accounts: Accounts
  email: string
  role: InviteRole
  restaurantId: string | null
  invitedBy: string | null
}) {
  const { database, clock } = accounts
  const { token, hash } = newToken()
  const expiresAt = new Date(clock.now().getTime() + INVITE_DAYS * 86_400_000)
  const values = { tokenHash: hash, email: normalizeEmail(email), role, restaurantId, invitedBy, expiresAt }
  let restaurantName: string | undefined
  if (restaurantId) {
    restaurantName = await database.withTenant(restaurantId, async (tx) => {
      const [restaurant] = await tx
        .select({ name: restaurants.name })
        .from(restaurants)
        .where(eq(restaurants.id, restaurantId))
      if (!restaurant) throw notFound('Restaurant')
      await tx.insert(invites).values(values)
      return restaurant.name
    })
  } else {
    await database.db.insert(invites).values(values)
  }
  const inviteUrl = accounts.links.invite(token)
  const mailed = await mailInvite({ accounts, email: values.email, role, restaurantName, inviteUrl, expiresAt })
  return { invite_url: inviteUrl, token, expires_at: expiresAt.toISOString(), email: values.email, role, mailed }
}

async function mailInvite({
  accounts,
  email,
  role,
  restaurantName,
  inviteUrl,
  expiresAt,
}: {
  accounts: Accounts
  email: string
  role: InviteRole
  restaurantName: string | undefined
  inviteUrl: string
  expiresAt: Date
}): Promise<boolean> {
  if (!accounts.mailer.configured) return false
  const what = restaurantName ? `${restaurantName} (${role})` : 'the restaurant assistant (operator)'
  try {
    await accounts.mailer.send({
      to: email,
      subject: `You are invited to ${what}`,
      text:
        `You have been invited to ${what}.\n\nChoose a password to accept:\n${inviteUrl}\n\n` +
        `The link works once, until ${expiresAt.toUTCString()}.\n`,
    })
    return true
  } catch (error) {
    accounts.logger.warn({ err: { message: (error as Error).message } }, 'invite mail not sent')
    return false
  }
}

/**
 * Accepts an invite: creates the account with this password, or (the email already has one)
 * adds the membership once the password proves it is theirs, since the inviter saw the token too.
 */
export async function acceptInvite({
  accounts,
  token,
  password,
  name,
  email,
}: {
  accounts: Accounts
  token: string
  password: string
  name?: string
  /** The first operator's setup link only (an invite without an email): the account's email. */
  email?: string
}) {
  const { database, clock } = accounts
  const now = clock.now()
  // Hashing is slow: done before the transaction, so no row stays locked meanwhile.
  const passwordHash = await hashPassword(password)
  const userId = await database.db.transaction(async (txn) => {
    const tx = txn as unknown as Database
    const [invite] = await tx
      .select()
      .from(invites)
      .where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.acceptedAt), gt(invites.expiresAt, now)))
      .for('update')
    if (!invite) throw invalidToken('invite')
    const repository = createAccountsRepository({ db: tx })
    const inviteEmail = invite.email ?? (await setupEmail({ tx, email }))
    let { user } = await repository.findUserByEmail({ email: inviteEmail })
    if (user) {
      if (!(await verifyPassword(user.passwordHash, password)))
        throw new AppError('account_exists', 'This email already has an account: enter its password to accept', 400)
      if (invite.role === 'operator') await repository.makeOperator({ userId: user.id })
    } else {
      ;({ user } = await repository.insertUser({
        email: inviteEmail,
        name: name?.trim() || null,
        passwordHash,
        isOperator: invite.role === 'operator',
      }))
    }
    if (invite.restaurantId && invite.role !== 'operator')
      await repository.grantMembership({ restaurantId: invite.restaurantId, userId: user.id, role: invite.role })
    await tx.update(invites).set({ acceptedAt: now }).where(eq(invites.id, invite.id))
    return user.id
  })
  await accounts.sessions.changed()
  return { userId }
}

/**
 * What an invite link is for, shown before it is accepted: the email, the role, the restaurant,
 * and whether the email already has an account (then its password accepts). Only the holder of
 * the token, who can accept it anyway, learns this.
 */
export async function describeInvite({ accounts, token }: { accounts: Accounts; token: string }) {
  const { database, clock } = accounts
  const [invite] = await database.db
    .select({ email: invites.email, role: invites.role, restaurantId: invites.restaurantId })
    .from(invites)
    .where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.acceptedAt), gt(invites.expiresAt, clock.now())))
  if (!invite) throw invalidToken('invite')
  const restaurantId = invite.restaurantId
  const restaurant = restaurantId
    ? await database.withTenant(restaurantId, async (tx) => {
        const [row] = await tx
          .select({ id: restaurants.id, name: restaurants.name })
          .from(restaurants)
          .where(eq(restaurants.id, restaurantId))
        return row ?? null
      })
    : null
  // The setup link: no email yet, so no account either.
  if (invite.email === null) return { email: null, role: invite.role, restaurant, account_exists: false }
  const { user } = await createAccountsRepository({ db: database.db }).findUserByEmail({ email: invite.email })
  return { email: invite.email, role: invite.role, restaurant, account_exists: user !== undefined }
}

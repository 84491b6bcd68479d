import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { createAccountsRepository, normalizeEmail } from './accounts.repository.ts'
import { type Accounts, RESET_MINUTES } from './accounts.service.ts'
import { passwordResets } from './accounts.tables.ts'
import { invalidToken } from './invites.usecases.ts'
import { hashPassword } from './passwords.ts'
import { hashToken, newToken } from './tokens.ts'

/**
 * Mails a reset link when the email has an account. Runs after the 202 has been sent, so the
 * answer and its timing are the same whether or not the account exists.
 */
export function requestPasswordReset({
  accounts,
  email,
  address,
}: {
  accounts: Accounts
  email: string
  address: string
}) {
  const run = async () => {
    const who = { email: normalizeEmail(email), address }
    if ((await accounts.resetLimiter.blocked(who)) !== undefined) return
    await accounts.resetLimiter.failed(who) // counts requests, not failures
    const { database, clock } = accounts
    const { user } = await createAccountsRepository({ db: database.db }).findUserByEmail({ email })
    if (!user) return
    const { token, hash } = newToken()
    const expiresAt = new Date(clock.now().getTime() + RESET_MINUTES * 60_000)
    await database.db.insert(passwordResets).values({ tokenHash: hash, userId: user.id, expiresAt })
    if (!accounts.mailer.configured) return
    await accounts.mailer.send({
      to: user.email,
      subject: 'Reset your password',
      text:
        `Someone asked to reset the password of this account.\n\nChoose a new password:\n` +
        `${accounts.links.reset(token)}\n\nThe link works once, for ${RESET_MINUTES} minutes. ` +
        'If it was not you, ignore this mail.\n',
    })
  }
  run().catch((error) =>
    accounts.logger.warn({ err: { message: (error as Error).message } }, 'password reset mail not sent'),
  )
}

/** Sets the new password and ends every session of the account; the caller then starts a new one. */
export async function confirmPasswordReset({
  accounts,
  token,
  password,
}: {
  accounts: Accounts
  token: string
  password: string
}) {
  const { database, clock } = accounts
  const now = clock.now()
  const passwordHash = await hashPassword(password)
  const userId = await database.db.transaction(async (txn) => {
    const tx = txn as unknown as Database
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .for('update')
    if (!reset) throw invalidToken('password reset')
    await createAccountsRepository({ db: tx }).updateUser({ userId: reset.userId, changes: { passwordHash } })
    // Every outstanding link of the account stops working with this one.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)))
    return reset.userId
  })
  await accounts.sessions.revokeAllForUser({ userId })
  return { userId }
}

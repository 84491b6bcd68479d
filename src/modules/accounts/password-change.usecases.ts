import { and, eq, isNull } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { AppError } from '../../shared/errors.ts'
import { createAccountsRepository } from './accounts.repository.ts'
import type { Accounts } from './accounts.service.ts'
import { passwordResets } from './accounts.tables.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { tooManyAttempts } from './sign-in.usecases.ts'

/**
 * A signed-in person sets a new password by giving the current one: a stolen session alone cannot
 * take the account over. Wrong guesses count with failed sign-ins (the same limit, per email and
 * per address). Every other session ends, and any reset link still outstanding stops working.
 */
export async function changePassword({
  accounts,
  userId,
  sessionIdHash,
  currentPassword,
  newPassword,
  address,
}: {
  accounts: Accounts
  userId: string
  /** The session the change is made from, which stays signed in. */
  sessionIdHash: string
  currentPassword: string
  newPassword: string
  address: string
}) {
  const repository = createAccountsRepository({ db: accounts.database.db })
  const { user } = await repository.findUserById({ userId })
  if (!user) throw new AppError('unauthorized', 'This account no longer exists', 401)
  const who = { email: user.email, address }
  const wait = await accounts.limiter.blocked(who)
  if (wait !== undefined) throw tooManyAttempts(wait)
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await accounts.limiter.failed(who)
    throw new AppError('wrong_password', 'body.current_password is not the password of this account', 400)
  }
  if (currentPassword === newPassword)
    throw new AppError('same_password', 'body.new_password must differ from the current password', 400)
  const passwordHash = await hashPassword(newPassword)
  await accounts.database.db.transaction(async (tx) => {
    await createAccountsRepository({ db: tx as unknown as Database }).updateUser({ userId, changes: { passwordHash } })
    await tx
      .update(passwordResets)
      .set({ usedAt: accounts.clock.now() })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
  })
  await accounts.sessions.revokeAllForUser({ userId, keep: sessionIdHash })
}

import { AppError, unauthorized } from '../../shared/errors.ts'
import { createAccountsRepository } from './accounts.repository.ts'
import type { Accounts } from './accounts.service.ts'
import { verifyPassword } from './passwords.ts'

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError('too_many_attempts', `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`, 429, {
    retry_after_seconds: retryAfterSeconds,
  })

/**
 * Checks an email and password. A wrong email and a wrong password get the same 401 after the
 * same work (an unknown email is verified against a dummy hash). Failures count per email and
 * per client address; past the limit, a 429 comes before any password is checked.
 */
export async function signIn({
  accounts,
  email,
  password,
  address,
}: {
  accounts: Accounts
  email: string
  password: string
  address: string
}) {
  const who = { email: email.trim().toLowerCase(), address }
  const wait = await accounts.limiter.blocked(who)
  if (wait !== undefined) throw tooManyAttempts(wait)
  const { user } = await createAccountsRepository({ db: accounts.database.db }).findUserByEmail({ email })
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await accounts.limiter.failed(who)
    throw unauthorized('Wrong email or password')
  }
  await accounts.limiter.succeeded(who)
  return { userId: user.id }
}

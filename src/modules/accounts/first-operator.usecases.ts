import { eq, sql } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { AppError } from '../../shared/errors.ts'
import { normalizeEmail } from './accounts.repository.ts'
import type { Accounts } from './accounts.service.ts'
import { invites, users } from './accounts.tables.ts'
import { newToken } from './tokens.ts'

/** How long the setup link printed at start works (a restart prints a new one). */
export const SETUP_LINK_HOURS = 24
// Serialises the acceptance of setup links: two links accepted at once still make one first operator.
const SETUP_LOCK_KEY = 7_316_021_443

export async function operatorExists(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.isOperator, true)).limit(1)
  return row !== undefined
}

/**
 * The way in on a new install: while no operator exists, a setup link (an operator invite without
 * an email: single use, SETUP_LINK_HOURS, only its hash stored) for the server to print in its
 * console. Whoever can read that console chooses the first operator's email and password.
 * Undefined once an operator exists.
 */
export async function offerFirstOperatorSetup({
  accounts,
}: {
  accounts: Accounts
}): Promise<{ url: string; expires_at: string } | undefined> {
  const { database, clock } = accounts
  if (await operatorExists(database.db)) return undefined
  const { token, hash } = newToken()
  const expiresAt = new Date(clock.now().getTime() + SETUP_LINK_HOURS * 3_600_000)
  await database.db
    .insert(invites)
    .values({ tokenHash: hash, email: null, role: 'operator', restaurantId: null, invitedBy: null, expiresAt })
  return { url: accounts.links.invite(token), expires_at: expiresAt.toISOString() }
}

/**
 * The email a setup link is accepted with, in the accepting transaction: required, and only while
 * there is still no operator (the link works once, and no longer once someone got in another way).
 */
export async function setupEmail({ tx, email }: { tx: Database; email: string | undefined }): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`)
  if (await operatorExists(tx))
    throw new AppError(
      'operator_exists',
      'The first operator already exists: sign in, or ask an operator for an invite',
      400,
    )
  if (!email) throw new AppError('email_required', 'Enter the email you will sign in with', 400)
  return normalizeEmail(email)
}

/** Whether a setup link can still be used: the sign-in page then says where to find it. */
export async function firstOperatorNeeded(database: { db: Database }): Promise<boolean> {
  return !(await operatorExists(database.db))
}

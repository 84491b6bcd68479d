import type { DatabaseHandle } from '../../infra/db/database.ts'
import { appErrorFactory, notFound } from '../../shared/errors.ts'
import { createAccountsRepository } from './accounts.repository.ts'
import type { Role } from './accounts.tables.ts'
import type { SessionStore } from './sessions.ts'

export const lastOwner = appErrorFactory({
  code: 'last_owner',
  message: 'A restaurant keeps at least one owner: make someone else owner first',
  statusCode: 409,
})

export async function listMembers({ database, restaurantId }: { database: DatabaseHandle; restaurantId: string }) {
  const { members } = await database.withTenant(restaurantId, (tx) =>
    createAccountsRepository({ db: tx }).listMembers({ restaurantId }),
  )
  return members.map((m) => ({
    user_id: m.userId,
    email: m.email,
    name: m.name,
    role: m.role,
    since: m.createdAt.toISOString(),
  }))
}

/**
 * Changes a member's role (`role`) or removes them (`role` null). The restaurant's memberships are
 * locked first, so two owners demoting each other at once cannot leave it without one.
 */
export async function changeMembership({
  database,
  sessions,
  restaurantId,
  userId,
  role,
}: {
  database: DatabaseHandle
  sessions: SessionStore
  restaurantId: string
  userId: string
  role: Role | null
}) {
  await database.withTenant(restaurantId, async (tx) => {
    const repository = createAccountsRepository({ db: tx })
    const { memberships } = await repository.lockMemberships({ restaurantId })
    const target = memberships.find((m) => m.userId === userId)
    if (!target) throw notFound('Member')
    const owners = memberships.filter((m) => m.role === 'owner').length
    if (target.role === 'owner' && role !== 'owner' && owners <= 1) throw lastOwner()
    if (role === null) await repository.deleteMembership({ restaurantId, userId })
    else await repository.setRole({ restaurantId, userId, role })
  })
  // Their sessions carry their memberships: every instance re-reads them at the next request.
  await sessions.changed()
}

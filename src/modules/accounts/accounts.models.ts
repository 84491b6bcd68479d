import type { MembershipView } from './accounts.repository.ts'
import type { SessionUser } from './sessions.ts'

export const formatUserForApi = (user: SessionUser) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  is_operator: user.isOperator,
})

export const formatMembershipsForApi = (memberships: MembershipView[]) =>
  memberships.map((m) => ({ id: m.restaurantId, name: m.name, role: m.role }))

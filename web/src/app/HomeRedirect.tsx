import { Navigate } from 'react-router'
import { useSession } from '../auth/session.tsx'
import { EmptyState } from '../shared/states.tsx'

/** `/`: the first restaurant's overview; operators without a restaurant of their own get the list. */
export function HomeRedirect() {
  const me = useSession()
  const first = me.restaurants[0]
  if (first) return <Navigate to={`/r/${first.id}/overview`} replace />
  if (me.user.is_operator) return <Navigate to="/restaurants" replace />
  return <EmptyState title="No restaurant yet">Ask whoever invited you to add you to a restaurant.</EmptyState>
}

import { useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext } from 'react'
import type { paths } from '../api/client.ts'
import { ApiError, api, setCsrfToken, unwrap } from '../api/client.ts'

export type Me = paths['/api/auth/me']['get']['responses']['200']['content']['application/json']
export type Membership = Me['restaurants'][number]

const SessionContext = createContext<Me | null>(null)

/** The signed-in user, or null when nobody is signed in (the sign-in page is shown). */
export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await unwrap(api.GET('/api/auth/me'))
        setCsrfToken(me.csrf_token)
        return me
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(undefined)
          return null
        }
        throw error
      }
    },
    staleTime: 60_000,
    retry: false,
  })
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>
}

export function useSession(): Me {
  const me = useContext(SessionContext)
  if (!me) throw new Error('useSession outside a signed-in page')
  return me
}

export function useSignOut() {
  const queryClient = useQueryClient()
  return async () => {
    await api.POST('/api/auth/logout')
    setCsrfToken(undefined)
    // `me` is set, not cleared: its observer (the app's routes) must hear that nobody is signed in.
    // A cleared cache would leave it watching a removed query, and the dashboard on screen.
    queryClient.setQueryData(['me'], null)
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' })
  }
}

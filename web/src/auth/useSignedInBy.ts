import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'

/**
 * A request that answers with a new session cookie (accepting an invite, using a reset link): once
 * it succeeds, whatever an earlier session had loaded is dropped and the dashboard opens as the
 * person now signed in.
 */
export function useSignedInBy<T>(request: () => Promise<T>) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      // The invite's own preview stays: the page it is on renders once more before the dashboard.
      queryClient.removeQueries({ predicate: (query) => !['me', 'invite'].includes(query.queryKey[0] as string) })
      await queryClient.invalidateQueries({ queryKey: ['me'] })
      await navigate('/', { replace: true })
    },
  })
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/client.ts'

/** Calls to numbers no restaurant owns yet (operator): each is a number waiting to be assigned. */
export function useUnroutedCalls() {
  return useQuery({
    queryKey: ['calls-unrouted'],
    queryFn: () => unwrap(api.GET('/api/calls/unrouted', { params: { query: { limit: 50 } } })),
    select: (page) => page.data,
    refetchInterval: 30_000,
  })
}

/** A restaurant's numbers changed: the lists that show them are read again. */
function useNumbersChanged() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['restaurants'] }),
      queryClient.invalidateQueries({ queryKey: ['calls-unrouted'] }),
      queryClient.invalidateQueries({ queryKey: ['restaurant'] }),
    ])
}

/** Map a number to a restaurant; the next call to it reaches that restaurant's assistant. */
export function useAssignNumber() {
  const onSuccess = useNumbersChanged()
  return useMutation({
    mutationFn: ({ restaurantId, phoneNumber }: { restaurantId: string; phoneNumber: string }) =>
      unwrap(
        api.POST('/api/restaurants/{id}/phone-numbers', {
          params: { path: { id: restaurantId } },
          body: { phone_number: phoneNumber },
        }),
      ),
    onSuccess,
  })
}

/**
 * Gives a restaurant a number (operator): one from the pool or already in Vapi, else bought from
 * Twilio, imported into Vapi with this server's URL. Needs Vapi (and Twilio, to buy) configured.
 */
export function useProvisionNumber() {
  const onSuccess = useNumbersChanged()
  return useMutation({
    mutationFn: ({ restaurantId }: { restaurantId: string; name: string }) =>
      unwrap(
        api.POST('/api/restaurants/{id}/phone-numbers', {
          params: { path: { id: restaurantId } },
          body: { provision: true },
        }),
      ),
    onSuccess,
  })
}

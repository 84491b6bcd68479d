import { useQuery } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

export type Call = paths['/api/calls']['get']['responses']['200']['content']['application/json']['data'][number]
export type CallDetail = paths['/api/calls/{id}']['get']['responses']['200']['content']['application/json']
export type CallFilters = { from?: string; to?: string; outcome?: string }

/** New calls show up without a reload: the list is polled while the page is open. */
export const CALLS_POLL_MS = 5_000

export function useCalls(restaurantId: string, filters: CallFilters = {}, limit = 50) {
  return useQuery({
    queryKey: ['calls', restaurantId, filters, limit],
    queryFn: () =>
      unwrap(api.GET('/api/calls', { params: { query: { restaurant_id: restaurantId, limit, ...filters } } })),
    refetchInterval: CALLS_POLL_MS,
  })
}

export function useCall(callId: string) {
  return useQuery({
    queryKey: ['call', callId],
    queryFn: () => unwrap(api.GET('/api/calls/{id}', { params: { path: { id: callId } } })),
    refetchInterval: (query) => (query.state.data?.ended_at ? false : CALLS_POLL_MS),
  })
}

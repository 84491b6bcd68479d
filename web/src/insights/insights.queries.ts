import { useQuery } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

export type Insights = paths['/api/restaurants/{id}/insights']['get']['responses']['200']['content']['application/json']

export function useInsights(restaurantId: string, days: number) {
  return useQuery({
    queryKey: ['insights', restaurantId, days],
    queryFn: () =>
      unwrap(
        api.GET('/api/restaurants/{id}/insights', {
          params: { path: { id: restaurantId }, query: { days, unanswered_limit: 50 } },
        }),
      ),
    refetchInterval: 30_000,
  })
}

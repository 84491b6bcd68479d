import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { api, unwrap } from '../api/client.ts'

/** The restaurant of the page (`/r/:restaurantId/...`). */
export function useRestaurantId(): string {
  const { restaurantId } = useParams()
  if (!restaurantId) throw new Error('useRestaurantId outside /r/:restaurantId')
  return restaurantId
}

export const restaurantKey = (id: string) => ['restaurant', id] as const

export function useRestaurant(id: string | undefined) {
  return useQuery({
    queryKey: restaurantKey(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    retry: false,
  })
}

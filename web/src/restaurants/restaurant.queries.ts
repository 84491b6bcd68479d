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

/**
 * The restaurant's IANA time zone: its pages show times as the restaurant's clock reads them,
 * whatever the browser's zone (an operator's, a phone abroad). Undefined until it loads.
 */
export function useRestaurantTimeZone(id: string): string | undefined {
  return useRestaurant(id).data?.timezone
}

/** The restaurant's ISO 4217 currency: every price on its pages is in it. Undefined until it loads. */
export function useRestaurantCurrency(id: string): string | undefined {
  return useRestaurant(id).data?.currency
}

export function useRestaurant(id: string | undefined) {
  return useQuery({
    queryKey: restaurantKey(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    retry: false,
  })
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/orders']
export type Order = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type OrderStatus = Order['status']

/** The kitchen sees new orders without a reload: the list is polled while the page is open. */
export const ORDERS_POLL_MS = 3_000

export const ordersKey = (restaurantId: string) => ['orders', restaurantId] as const

export function useOrders(restaurantId: string) {
  return useQuery({
    queryKey: ordersKey(restaurantId),
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/orders', { params: { path: { id: restaurantId } } })),
    select: (page) => page.data,
    refetchInterval: ORDERS_POLL_MS,
  })
}

export function useOrderStatus(restaurantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ orderId, status }: { orderId: string; status: OrderStatus }) =>
      unwrap(
        api.PATCH('/api/restaurants/{id}/orders/{orderId}', {
          params: { path: { id: restaurantId, orderId } },
          body: { status },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ordersKey(restaurantId) }),
  })
}

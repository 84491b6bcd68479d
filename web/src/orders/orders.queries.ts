import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/orders']
export type Order = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type OrderStatus = Order['status']

/** The kitchen sees new orders without a reload: the list is polled while the page is open. */
export const ORDERS_POLL_MS = 3_000

export const ordersKey = (restaurantId: string) => ['orders', restaurantId] as const

/** The kitchen's orders; with `status`, only those (e.g. awaiting_payment, which the kitchen's list leaves out). */
export function useOrders(restaurantId: string, status?: OrderStatus) {
  return useQuery({
    queryKey: [...ordersKey(restaurantId), status ?? 'kitchen'],
    queryFn: () =>
      unwrap(
        api.GET('/api/restaurants/{id}/orders', {
          params: { path: { id: restaurantId }, query: status ? { status } : {} },
        }),
      ),
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

/** Texts the caller the order's payment link again. */
export function useResendPaymentLink(restaurantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (orderId: string) =>
      unwrap(
        api.POST('/api/restaurants/{id}/orders/{orderId}/payment-link', {
          params: { path: { id: restaurantId, orderId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ordersKey(restaurantId) }),
  })
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Day = paths['/api/restaurants/{id}/reservations']['get']['responses']['200']['content']['application/json']
export type Reservation = Day['data'][number]
export type StatusChange = NonNullable<
  paths['/api/restaurants/{id}/reservations/{reservationId}']['patch']['requestBody']
>['content']['application/json']['status']

/** One day's bookings; without a date, the restaurant's today (the answer says which day that is). */
export function useReservations(restaurantId: string, date: string | undefined) {
  return useQuery({
    queryKey: ['reservations', restaurantId, date ?? 'today'],
    queryFn: () =>
      unwrap(
        api.GET('/api/restaurants/{id}/reservations', {
          params: { path: { id: restaurantId }, query: date ? { date } : {} },
        }),
      ),
    // New bookings come in by phone: look again now and then.
    refetchInterval: 30_000,
  })
}

export function useReservationStatus(restaurantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ reservationId, status }: { reservationId: string; status: StatusChange }) =>
      unwrap(
        api.PATCH('/api/restaurants/{id}/reservations/{reservationId}', {
          params: { path: { id: restaurantId, reservationId } },
          body: { status },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reservations', restaurantId] }),
  })
}

/** The buttons a booking in this status offers (the server refuses the other moves with a 409). */
export const ACTIONS: Record<Reservation['status'], { label: string; status: StatusChange }[]> = {
  pending: [
    { label: 'Confirm', status: 'confirmed' },
    { label: 'Seat', status: 'seated' },
    { label: 'No-show', status: 'no_show' },
    { label: 'Cancel', status: 'cancelled' },
  ],
  confirmed: [
    { label: 'Seat', status: 'seated' },
    { label: 'No-show', status: 'no_show' },
    { label: 'Cancel', status: 'cancelled' },
  ],
  seated: [],
  cancelled: [],
  no_show: [],
}

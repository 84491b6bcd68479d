import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/hours']
export type Shift = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type ShiftInput = NonNullable<Collection['post']['requestBody']>['content']['application/json']

export const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const

export function useHours(restaurantId: string) {
  return useQuery({
    queryKey: ['hours', restaurantId],
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/hours', { params: { path: { id: restaurantId } } })),
    select: (page) => page.data,
  })
}

/**
 * Open now, until when and the next openings, from the server's schedule (special dates included).
 * Under the 'open-now' key, so every change of hours or special dates refreshes it.
 */
export function useOpenStatus(restaurantId: string) {
  return useQuery({
    queryKey: ['open-now', restaurantId, 'status'],
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/open-status', { params: { path: { id: restaurantId } } })),
    refetchInterval: 60_000,
  })
}

export function useHoursMutations(restaurantId: string) {
  const queryClient = useQueryClient()
  const onSuccess = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['hours', restaurantId] }),
      queryClient.invalidateQueries({ queryKey: ['open-now', restaurantId] }),
    ])
  const save = useMutation({
    mutationFn: ({ itemId, body }: { itemId?: string; body: ShiftInput }) =>
      itemId
        ? unwrap(
            api.PATCH('/api/restaurants/{id}/hours/{itemId}', { params: { path: { id: restaurantId, itemId } }, body }),
          )
        : unwrap(api.POST('/api/restaurants/{id}/hours', { params: { path: { id: restaurantId } }, body })),
    onSuccess,
  })
  const remove = useMutation({
    mutationFn: (itemId: string) =>
      unwrap(api.DELETE('/api/restaurants/{id}/hours/{itemId}', { params: { path: { id: restaurantId, itemId } } })),
    onSuccess,
  })
  return { save, remove }
}

/** A day's shifts in order; "02:00" closing after a "18:00" opening is after midnight. */
export function shiftsOf(shifts: Shift[], day: string) {
  return shifts
    .filter((s) => normaliseDay(s.day_of_week) === day)
    .sort((a, b) => (a.open_time ?? '').localeCompare(b.open_time ?? ''))
}

export function normaliseDay(day: string) {
  const lower = day.toLowerCase()
  return DAYS.find((d) => d.startsWith(lower.slice(0, 3))) ?? lower
}

export const closesAfterMidnight = (shift: Shift) =>
  Boolean(shift.open_time && shift.close_time && shift.close_time !== '24:00' && shift.close_time < shift.open_time)

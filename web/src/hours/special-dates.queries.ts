import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/special-dates']
export type SpecialDate = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type SpecialDateInput = NonNullable<Collection['post']['requestBody']>['content']['application/json']

export function useSpecialDates(restaurantId: string) {
  return useQuery({
    queryKey: ['special-dates', restaurantId],
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/special-dates', { params: { path: { id: restaurantId } } })),
    select: (page) => page.data,
  })
}

/** Add, change or delete one row of a special date (a date's rows are its shifts). */
export function useSpecialDateMutations(restaurantId: string) {
  const queryClient = useQueryClient()
  const onSuccess = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['special-dates', restaurantId] }),
      queryClient.invalidateQueries({ queryKey: ['open-now', restaurantId] }),
    ])
  const save = useMutation({
    mutationFn: ({ dateId, body }: { dateId?: string; body: SpecialDateInput }) =>
      dateId
        ? unwrap(
            api.PATCH('/api/restaurants/{id}/special-dates/{dateId}', {
              params: { path: { id: restaurantId, dateId } },
              body,
            }),
          )
        : unwrap(api.POST('/api/restaurants/{id}/special-dates', { params: { path: { id: restaurantId } }, body })),
    onSuccess,
  })
  const remove = useMutation({
    mutationFn: (dateId: string) =>
      unwrap(
        api.DELETE('/api/restaurants/{id}/special-dates/{dateId}', {
          params: { path: { id: restaurantId, dateId } },
        }),
      ),
    onSuccess,
  })
  return { save, remove }
}

/** Rows grouped by date, soonest first; dates before `today` (YYYY-MM-DD) are left out. */
export function upcomingDates(rows: SpecialDate[], today: string) {
  const byDate = new Map<string, SpecialDate[]>()
  for (const row of [...rows].sort((a, b) => (a.open_time ?? '').localeCompare(b.open_time ?? ''))) {
    if (row.date < today) continue
    byDate.set(row.date, [...(byDate.get(row.date) ?? []), row])
  }
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, shifts]) => ({ date, shifts }))
}

/** "2026-12-24" → "Thu, Dec 24, 2026", read as a calendar date (no time zone shift). */
export function formatCalendarDate(date: string) {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  })
}

/** Today's date in the restaurant's time zone, by the browser's clock: which special dates are still to come. */
export function localToday(timeZone: string) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  )
}

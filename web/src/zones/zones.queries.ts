import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/delivery-zones']
export type Zone = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type ZoneInput = NonNullable<Collection['post']['requestBody']>['content']['application/json']

export function useZones(restaurantId: string) {
  return useQuery({
    queryKey: ['zones', restaurantId],
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/delivery-zones', { params: { path: { id: restaurantId } } })),
    select: (page) => page.data,
  })
}

export function useZoneMutations(restaurantId: string) {
  const queryClient = useQueryClient()
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: ['zones', restaurantId] })
  const save = useMutation({
    mutationFn: ({ itemId, body }: { itemId?: string; body: ZoneInput }) =>
      itemId
        ? unwrap(
            api.PATCH('/api/restaurants/{id}/delivery-zones/{itemId}', {
              params: { path: { id: restaurantId, itemId } },
              body,
            }),
          )
        : unwrap(api.POST('/api/restaurants/{id}/delivery-zones', { params: { path: { id: restaurantId } }, body })),
    onSuccess,
  })
  const remove = useMutation({
    mutationFn: (itemId: string) =>
      unwrap(
        api.DELETE('/api/restaurants/{id}/delivery-zones/{itemId}', {
          params: { path: { id: restaurantId, itemId } },
        }),
      ),
    onSuccess,
  })
  return { save, remove }
}

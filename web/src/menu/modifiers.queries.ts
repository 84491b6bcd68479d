import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/modifiers']
export type Modifier = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type ModifierInput = NonNullable<Collection['post']['requestBody']>['content']['application/json']

export const modifiersKey = (restaurantId: string) => ['modifiers', restaurantId] as const

export function useModifiers(restaurantId: string) {
  return useQuery({
    queryKey: modifiersKey(restaurantId),
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/modifiers', { params: { path: { id: restaurantId } } })),
    select: (page) => page.data,
  })
}

/** Add (no id), change (id) or delete an option or extra (extra cheese, a side of fries). */
export function useModifierMutations(restaurantId: string) {
  const queryClient = useQueryClient()
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: modifiersKey(restaurantId) })
  const save = useMutation({
    mutationFn: ({ itemId, body }: { itemId?: string; body: ModifierInput }) =>
      itemId
        ? unwrap(
            api.PATCH('/api/restaurants/{id}/modifiers/{itemId}', {
              params: { path: { id: restaurantId, itemId } },
              body,
            }),
          )
        : unwrap(api.POST('/api/restaurants/{id}/modifiers', { params: { path: { id: restaurantId } }, body })),
    onSuccess,
  })
  const remove = useMutation({
    mutationFn: (itemId: string) =>
      unwrap(
        api.DELETE('/api/restaurants/{id}/modifiers/{itemId}', { params: { path: { id: restaurantId, itemId } } }),
      ),
    onSuccess,
  })
  return { save, remove }
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/menu-items']
export type MenuItem = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type MenuItemInput = NonNullable<Collection['post']['requestBody']>['content']['application/json']

export const menuKey = (restaurantId: string) => ['menu-items', restaurantId] as const

export function useMenuItems(restaurantId: string) {
  return useQuery({
    queryKey: menuKey(restaurantId),
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/menu-items', { params: { path: { id: restaurantId } } })),
    select: (page) => page.data,
  })
}

/** Add (no id), change (id) or delete a menu item; the list is refetched afterwards. */
export function useMenuMutations(restaurantId: string) {
  const queryClient = useQueryClient()
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: menuKey(restaurantId) })
  const save = useMutation({
    mutationFn: ({ itemId, body }: { itemId?: string; body: MenuItemInput }) =>
      itemId
        ? unwrap(
            api.PATCH('/api/restaurants/{id}/menu-items/{itemId}', {
              params: { path: { id: restaurantId, itemId } },
              body,
            }),
          )
        : unwrap(api.POST('/api/restaurants/{id}/menu-items', { params: { path: { id: restaurantId } }, body })),
    onSuccess,
  })
  const remove = useMutation({
    mutationFn: (itemId: string) =>
      unwrap(
        api.DELETE('/api/restaurants/{id}/menu-items/{itemId}', { params: { path: { id: restaurantId, itemId } } }),
      ),
    onSuccess,
  })
  // Sold out (until a time, or until switched back) or back on sale, from the item's card.
  const setAvailability = useMutation({
    mutationFn: ({ itemId, availableAgainAt }: { itemId: string; availableAgainAt: string | null | 'now' }) =>
      unwrap(
        api.PATCH('/api/restaurants/{id}/menu-items/{itemId}', {
          params: { path: { id: restaurantId, itemId } },
          body:
            availableAgainAt === 'now'
              ? { available: true, available_again_at: null }
              : { available: false, available_again_at: availableAgainAt },
        }),
      ),
    onSuccess,
  })
  return { save, remove, setAvailability }
}

/** Items by category, in menu order; items without one go under "Other". */
export function groupByCategory(items: MenuItem[]): Array<{ category: string; items: MenuItem[] }> {
  const groups = new Map<string, MenuItem[]>()
  for (const item of items) {
    const category = item.category?.trim() || 'Other'
    groups.set(category, [...(groups.get(category) ?? []), item])
  }
  return [...groups].map(([category, grouped]) => ({ category, items: grouped }))
}

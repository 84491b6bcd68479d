import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/messages']
export type Message = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type MessageStatus = Message['status']

export const messagesKey = (restaurantId: string) => ['messages', restaurantId] as const

/** Messages and event requests, newest first; `message.created` events and a slow poll keep it fresh. */
export function useMessages(restaurantId: string, status: MessageStatus) {
  return useQuery({
    queryKey: [...messagesKey(restaurantId), status],
    queryFn: () =>
      unwrap(api.GET('/api/restaurants/{id}/messages', { params: { path: { id: restaurantId }, query: { status } } })),
    select: (page) => page.data,
    refetchInterval: 30_000,
  })
}

export function useMessageStatus(restaurantId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ messageId, status }: { messageId: string; status: MessageStatus }) =>
      unwrap(
        api.PATCH('/api/restaurants/{id}/messages/{messageId}', {
          params: { path: { id: restaurantId, messageId } },
          body: { status },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagesKey(restaurantId) }),
  })
}

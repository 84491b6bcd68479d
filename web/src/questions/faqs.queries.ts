import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type Collection = paths['/api/restaurants/{id}/faqs']
export type Faq = Collection['get']['responses']['200']['content']['application/json']['data'][number]
export type FaqInput = NonNullable<Collection['post']['requestBody']>['content']['application/json']

export const faqsKey = (restaurantId: string) => ['faqs', restaurantId] as const

export function useFaqs(restaurantId: string) {
  return useQuery({
    queryKey: faqsKey(restaurantId),
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/faqs', { params: { path: { id: restaurantId } } })),
    select: (page) => page.data,
  })
}

/**
 * Add (no id; with `from_unanswered` it also answers a caller's question, which leaves the open
 * list), change (id) or delete an FAQ. The insights are refetched too: answered questions leave them.
 */
export function useFaqMutations(restaurantId: string) {
  const queryClient = useQueryClient()
  const onSuccess = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: faqsKey(restaurantId) }),
      queryClient.invalidateQueries({ queryKey: ['insights', restaurantId] }),
    ])
  const save = useMutation({
    mutationFn: ({ faqId, body }: { faqId?: string; body: FaqInput }) =>
      faqId
        ? unwrap(
            api.PATCH('/api/restaurants/{id}/faqs/{faqId}', {
              params: { path: { id: restaurantId, faqId } },
              body: { question: body.question, answer: body.answer },
            }),
          )
        : unwrap(api.POST('/api/restaurants/{id}/faqs', { params: { path: { id: restaurantId } }, body })),
    onSuccess,
  })
  const remove = useMutation({
    mutationFn: (faqId: string) =>
      unwrap(api.DELETE('/api/restaurants/{id}/faqs/{faqId}', { params: { path: { id: restaurantId, faqId } } })),
    onSuccess,
  })
  return { save, remove }
}

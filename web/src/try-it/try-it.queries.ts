import { useMutation, useQuery } from '@tanstack/react-query'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'

type TryIt = paths['/api/restaurants/{id}/try']['post']
export type TryItAnswer = TryIt['responses']['200']['content']['application/json']['answers'][number]
type ToolName = NonNullable<NonNullable<TryIt['requestBody']>['content']['application/json']['tool']>

const ask = (restaurantId: string, question: string, tool?: ToolName) =>
  unwrap(api.POST('/api/restaurants/{id}/try', { params: { path: { id: restaurantId } }, body: { question, tool } }))

/** What each tool would tell the assistant for a question, from the live data. */
export function useTryIt(restaurantId: string) {
  return useMutation({ mutationFn: (question: string) => ask(restaurantId, question) })
}

/** "Are you open now?" answered by the hours tool itself, so the page says what callers hear. */
export function useOpenNow(restaurantId: string) {
  return useQuery({
    queryKey: ['open-now', restaurantId],
    queryFn: async () => (await ask(restaurantId, 'Are you open right now?', 'get_hours_info')).answers[0]?.result,
    refetchInterval: 60_000,
  })
}

import { Alert, Button } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import { useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { LoadingState } from '../shared/states.tsx'

/**
 * Questions (FAQs) arrive with the knowledge issue. Until this server has the route, the page says
 * so plainly and points to what can be done today.
 */
export function QuestionsPage() {
  const restaurantId = useRestaurantId()
  const [params] = useSearchParams()
  const question = params.get('question')
  const probe = useQuery({
    queryKey: ['faqs-available', restaurantId],
    queryFn: async () => (await fetch(`/api/restaurants/${restaurantId}/faqs`, { credentials: 'same-origin' })).ok,
    retry: false,
  })
  return (
    <>
      <PageHeader title="Questions" description="Answers to what callers ask beyond menu, hours and delivery." />
      {question && (
        <Alert variant="light" color="blue" mb="md" title="A caller asked">
          {`“${question}”`}
        </Alert>
      )}
      {probe.isPending && <LoadingState />}
      {probe.data === false && (
        <Alert variant="light" color="gray" title="Not available yet">
          Editing answers to callers' questions (parking, payment, private rooms…) is not available on this server yet.
          Menu, hours and delivery answers come from those pages.
          <Button
            component={Link}
            to={`/r/${restaurantId}/try`}
            variant="light"
            size="compact-sm"
            mt="sm"
            display="block"
          >
            Try a question
          </Button>
        </Alert>
      )}
      {probe.data === true && (
        <Alert variant="light" color="blue" title="Questions are available on this server">
          This dashboard does not edit them yet; use the API (/docs).
        </Alert>
      )}
    </>
  )
}

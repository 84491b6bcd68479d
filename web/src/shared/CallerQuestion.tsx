import { Alert } from '@mantine/core'
import { useSearchParams } from 'react-router'

/** Arriving from an unanswered question's "Answer": the question stays in view while it is fixed. */
export function CallerQuestion({ hint }: { hint: string }) {
  const [params] = useSearchParams()
  const question = params.get('question')
  if (!question) return null
  return (
    <Alert variant="light" color="blue" mb="md" title={`A caller asked “${question}”`}>
      {hint} Then check the answer in Try it.
    </Alert>
  )
}

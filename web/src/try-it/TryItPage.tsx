import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { toolLabel } from '../shared/format.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { useTryIt } from './try-it.queries.ts'

const EXAMPLES = [
  'How much is the burger?',
  'Are you open on Sunday?',
  'Do you deliver to 10001?',
  'Is there a vegan option?',
]

export function TryItPage() {
  const restaurantId = useRestaurantId()
  const [question, setQuestion] = useState('')
  const tryIt = useTryIt(restaurantId)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (question.trim()) tryIt.mutate(question.trim())
  }
  return (
    <>
      <PageHeader
        title="Try it"
        description={
          'Ask as a caller would. Each tool shows what the phone assistant would be told, from your live data.'
        }
      />
      <form onSubmit={submit}>
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label="Question"
            placeholder={EXAMPLES[0]}
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            style={{ flex: '1 1 16rem' }}
            maxLength={500}
          />
          <Button type="submit" loading={tryIt.isPending}>
            Ask
          </Button>
        </Group>
      </form>
      <Group gap={6} mt="xs">
        {EXAMPLES.map((example) => (
          <Button
            key={example}
            variant="default"
            size="compact-xs"
            onClick={() => {
              setQuestion(example)
              tryIt.mutate(example)
            }}
          >
            {example}
          </Button>
        ))}
      </Group>
      {tryIt.error && (
        <Alert color="red" role="alert" mt="md">
          {tryIt.error.message}
        </Alert>
      )}
      {tryIt.data && (
        <Stack mt="lg" gap="sm" aria-live="polite">
          <Text size="sm" c="dimmed">
            {'The assistant picks the tool that fits the question; ' +
              `here is what each would answer to “${tryIt.data.question}”.`}
          </Text>
          {tryIt.data.answers.map((answer) => (
            <Card key={answer.tool} withBorder padding="sm" component="section" aria-label={toolLabel(answer.tool)}>
              <Group justify="space-between" mb={4} gap="xs">
                <Text fw={600}>{toolLabel(answer.tool)}</Text>
                {answer.unanswered ? (
                  <Badge color="gray" variant="light">
                    No answer found
                  </Badge>
                ) : (
                  <Badge color="green" variant="light">
                    Answered
                  </Badge>
                )}
              </Group>
              <Text>{answer.result}</Text>
              <Text size="xs" c="dimmed" mt={4} ff="monospace">
                {answer.tool}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </>
  )
}

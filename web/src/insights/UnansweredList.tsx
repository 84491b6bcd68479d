import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core'
import { Link } from 'react-router'
import { useRestaurantTimeZone } from '../restaurants/restaurant.queries.ts'
import { formatDateTime, toolLabel } from '../shared/format.ts'
import { EmptyState } from '../shared/states.tsx'
import type { Insights } from './insights.queries.ts'

/** Questions callers asked that the assistant could not answer, each with a way to answer it. */
export function UnansweredList({
  restaurantId,
  unanswered,
  limit,
  onAnswer,
}: {
  restaurantId: string
  unanswered: Insights['unanswered']
  limit?: number
  /** Answer in place (on Questions); without it, "Answer" leads to Questions with the question. */
  onAnswer?: (entry: Insights['unanswered'][number]) => void
}) {
  const timeZone = useRestaurantTimeZone(restaurantId)
  if (unanswered.length === 0) {
    return <EmptyState title="Nothing unanswered">Every question callers asked found an answer.</EmptyState>
  }
  return (
    <Stack gap="xs">
      {unanswered.slice(0, limit).map((entry) => (
        <Card withBorder padding="sm" key={entry.id}>
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <div>
              <Text fw={600}>{`“${entry.question}”`}</Text>
              <Text size="xs" c="dimmed">
                {`${toolLabel(entry.tool)} · last asked ${formatDateTime(entry.last_asked_at, timeZone)}`}
              </Text>
            </div>
            <Badge variant="light" color="orange" style={{ flexShrink: 0 }}>
              {`${entry.count}×`}
            </Badge>
          </Group>
          <Group justify="flex-end" mt={4}>
            {onAnswer ? (
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => onAnswer(entry)}
                aria-label={`Answer “${entry.question}”`}
              >
                Answer
              </Button>
            ) : (
              <Button
                size="compact-sm"
                variant="light"
                component={Link}
                to={answerTarget(restaurantId, entry)}
                aria-label={`Answer “${entry.question}”`}
              >
                Answer
              </Button>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  )
}

/** Questions, with this question ready to answer: an FAQ answers it whichever tool it reached. */
function answerTarget(restaurantId: string, entry: Insights['unanswered'][number]) {
  const query = new URLSearchParams({ answer: entry.id, question: entry.question, tool: entry.tool })
  return `/r/${restaurantId}/questions?${query}`
}

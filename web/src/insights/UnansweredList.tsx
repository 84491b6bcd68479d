import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core'
import { Link } from 'react-router'
import { formatDateTime, toolLabel } from '../shared/format.ts'
import { EmptyState } from '../shared/states.tsx'
import type { Insights } from './insights.queries.ts'

/** Questions callers asked that the assistant could not answer, each with a way to answer it. */
export function UnansweredList({
  restaurantId,
  unanswered,
  limit,
}: {
  restaurantId: string
  unanswered: Insights['unanswered']
  limit?: number
}) {
  if (unanswered.length === 0) {
    return <EmptyState title="Nothing unanswered">Every question callers asked found an answer.</EmptyState>
  }
  return (
    <Stack gap="xs">
      {unanswered.slice(0, limit).map((entry) => (
        <Card withBorder padding="sm" key={`${entry.tool}:${entry.question}`}>
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <div>
              <Text fw={600}>{`“${entry.question}”`}</Text>
              <Text size="xs" c="dimmed">
                {`${toolLabel(entry.tool)} · last asked ${formatDateTime(entry.last_asked_at)}`}
              </Text>
            </div>
            <Badge variant="light" color="orange" style={{ flexShrink: 0 }}>
              {`${entry.count}×`}
            </Badge>
          </Group>
          <Group justify="flex-end" mt={4}>
            <Button
              size="compact-sm"
              variant="light"
              component={Link}
              to={answerTarget(restaurantId, entry.tool, entry.question)}
              aria-label={`Answer “${entry.question}”`}
            >
              Answer
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  )
}

/** Where an unanswered question is fixed: the data its tool reads, or the FAQs for anything else. */
function answerTarget(restaurantId: string, tool: string, question: string) {
  const section =
    { get_menu_info: 'menu', get_modifiers_info: 'menu', get_hours_info: 'hours', get_zones_info: 'zones' }[tool] ??
    'questions'
  return `/r/${restaurantId}/${section}?question=${encodeURIComponent(question)}`
}

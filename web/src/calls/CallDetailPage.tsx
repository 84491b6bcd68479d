import { Anchor, Badge, Box, Card, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { Link, useParams } from 'react-router'
import { useRestaurantId, useRestaurantTimeZone } from '../restaurants/restaurant.queries.ts'
import { formatDateTime, formatDuration, formatOutcome, toolLabel } from '../shared/format.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { ErrorState, LoadingState } from '../shared/states.tsx'
import { CallTransfers } from '../transfers/CallTransfers.tsx'
import { type CallDetail, useCall } from './calls.queries.ts'

export function CallDetailPage() {
  const restaurantId = useRestaurantId()
  const timeZone = useRestaurantTimeZone(restaurantId)
  const { callId } = useParams()
  const call = useCall(callId!)
  if (call.isPending) return <LoadingState />
  if (call.isError) return <ErrorState error={call.error} />
  const c = call.data
  return (
    <>
      <Anchor component={Link} to={`/r/${restaurantId}/calls`} size="sm">
        ← All calls
      </Anchor>
      <PageHeader
        title={`Call from ${c.caller ?? 'unknown caller'}`}
        description={formatDateTime(c.started_at, timeZone)}
      />
      <Stack gap="lg">
        <Card withBorder>
          <Group gap="lg">
            <Fact label="Outcome" value={formatOutcome(c.outcome)} />
            <Fact label="Duration" value={formatDuration(c.duration_seconds)} />
            <Fact label="Cost" value={c.cost == null ? '—' : `$${c.cost.toFixed(2)}`} />
            {c.recording_url && (
              <Anchor href={c.recording_url} target="_blank" rel="noreferrer">
                Recording
              </Anchor>
            )}
          </Group>
          {c.summary && (
            <>
              <Title order={2} size="h5" mt="md">
                Summary
              </Title>
              <Text>{c.summary}</Text>
            </>
          )}
        </Card>
        <CallTransfers transfers={c.transfers} timeZone={timeZone} />
        <section aria-labelledby="transcript-title">
          <Title order={2} size="h4" id="transcript-title" mb="xs">
            Transcript
          </Title>
          <Conversation messages={c.messages} />
        </section>
        <ToolCalls toolCalls={c.tool_calls} />
      </Stack>
    </>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  )
}

const SPEAKER = { user: 'Caller', assistant: 'Assistant', tool: 'Tool' } as const

function Conversation({ messages }: { messages: CallDetail['messages'] }) {
  if (messages.length === 0) return <Text c="dimmed">No transcript for this call.</Text>
  return (
    <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
      {messages.map((message, index) => {
        const caller = message.role === 'user'
        return (
          <Box
            component="li"
            // biome-ignore lint/suspicious/noArrayIndexKey: a transcript is fixed and ordered
            key={index}
            style={{ display: 'flex', justifyContent: caller ? 'flex-start' : 'flex-end' }}
          >
            <Paper p="xs" maw="85%" bg={caller ? 'gray.1' : message.role === 'tool' ? 'yellow.0' : 'blue.0'} withBorder>
              <Text size="xs" fw={700}>
                {SPEAKER[message.role]}
              </Text>
              <Text size="sm">{message.content}</Text>
            </Paper>
          </Box>
        )
      })}
    </Stack>
  )
}

function ToolCalls({ toolCalls }: { toolCalls: CallDetail['tool_calls'] }) {
  if (toolCalls.length === 0) return null
  return (
    <section aria-labelledby="tools-title">
      <Title order={2} size="h4" id="tools-title" mb="xs">
        What the assistant looked up
      </Title>
      <Stack gap="xs">
        {toolCalls.map((tc, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tool calls are fixed and ordered
          <Card withBorder padding="sm" key={index}>
            <Group justify="space-between" gap="xs">
              <Text fw={600}>{toolLabel(tc.tool)}</Text>
              {tc.unanswered && (
                <Badge color="orange" variant="light">
                  Not answered
                </Badge>
              )}
            </Group>
            <Table variant="vertical" withTableBorder={false} layout="fixed">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={90}>Asked</Table.Th>
                  <Table.Td>{tc.query}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th w={90}>Answer</Table.Th>
                  <Table.Td>{tc.result}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Card>
        ))}
      </Stack>
    </section>
  )
}

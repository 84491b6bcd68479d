import { Badge, Card, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { useRestaurantId, useRestaurantTimeZone } from '../restaurants/restaurant.queries.ts'
import { formatDateTime, formatDuration, formatOutcome } from '../shared/format.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { type Call, type CallFilters, useCalls } from './calls.queries.ts'

export function CallsPage() {
  const restaurantId = useRestaurantId()
  const [date, setDate] = useState('')
  const [outcome, setOutcome] = useState('')
  const filters: CallFilters = {
    ...(date ? { from: date, to: nextDay(date) } : {}),
    ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
  }
  const calls = useCalls(restaurantId, filters)
  return (
    <>
      <PageHeader title="Calls" description="Newest first. New calls appear here on their own." />
      <SimpleGrid cols={{ base: 1, xs: 2 }} mb="md" maw={520}>
        <TextInput label="Date" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        <TextInput
          label="Outcome"
          placeholder="e.g. customer-ended-call"
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
        />
      </SimpleGrid>
      {calls.isPending && <LoadingState />}
      {calls.isError && <ErrorState error={calls.error} />}
      {calls.data?.data.length === 0 && <EmptyState title="No calls yet">Calls appear here as they end.</EmptyState>}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Calls">
        {calls.data?.data.map((call) => (
          <li key={call.id}>
            <CallRow call={call} restaurantId={restaurantId} />
          </li>
        ))}
      </Stack>
    </>
  )
}

function nextDay(date: string) {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

export function CallRow({ call, restaurantId }: { call: Call; restaurantId: string }) {
  const timeZone = useRestaurantTimeZone(restaurantId)
  return (
    <Card withBorder padding="sm" component={Link} to={`/r/${restaurantId}/calls/${call.id}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text fw={600}>{call.caller ?? 'Unknown caller'}</Text>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(call.started_at ?? call.created_at, timeZone)}
        </Text>
      </Group>
      {call.summary && (
        <Text size="sm" lineClamp={2}>
          {call.summary}
        </Text>
      )}
      <Group gap={6} mt={4}>
        <Badge variant="light" color="gray">
          {formatOutcome(call.outcome)}
        </Badge>
        <Text size="xs" c="dimmed">
          {formatDuration(call.duration_seconds)}
        </Text>
      </Group>
    </Card>
  )
}

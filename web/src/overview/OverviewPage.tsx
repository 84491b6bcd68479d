import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { CallRow } from '../calls/CallsPage.tsx'
import { useCalls } from '../calls/calls.queries.ts'
import { useInsights } from '../insights/insights.queries.ts'
import { UnansweredList } from '../insights/UnansweredList.tsx'
import { useRestaurant, useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { EmptyState } from '../shared/states.tsx'
import { useOpenNow } from '../try-it/try-it.queries.ts'

export function OverviewPage() {
  const restaurantId = useRestaurantId()
  const restaurant = useRestaurant(restaurantId)
  const insights = useInsights(restaurantId, 7)
  const calls = useCalls(restaurantId, {}, 5)
  const openNow = useOpenNow(restaurantId)
  // The range ends now: its last day is the restaurant's today, by the server's clock.
  const callsToday = insights.data?.calls.per_day.find((d) => d.date === insights.data.last_day)?.count ?? 0
  const phone = restaurant.data?.phone_number

  return (
    <>
      <PageHeader title="Overview" description={restaurant.data?.name} />
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="lg">
        <Stat label="Calls today" value={insights.data ? String(callsToday) : '…'} />
        <Stat label="Calls this week" value={insights.data ? String(insights.data.calls.total) : '…'} />
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            Phone number
          </Text>
          <Text fw={700}>{phone ?? 'None yet'}</Text>
          <Badge mt={4} color={phone ? 'green' : 'gray'} variant="light">
            {phone ? 'Live' : 'Not connected'}
          </Badge>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            Open now?
          </Text>
          <Text size="sm">{openNow.data ?? '…'}</Text>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Top unanswered questions
            </Title>
            <Button variant="subtle" size="compact-sm" component={Link} to={`/r/${restaurantId}/insights`}>
              All insights
            </Button>
          </Group>
          {insights.data && (
            <UnansweredList restaurantId={restaurantId} unanswered={insights.data.unanswered} limit={5} />
          )}
        </Stack>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Recent calls
            </Title>
            <Button variant="subtle" size="compact-sm" component={Link} to={`/r/${restaurantId}/calls`}>
              All calls
            </Button>
          </Group>
          {calls.data?.data.length === 0 && <EmptyState title="No calls yet" />}
          {calls.data?.data.map((call) => (
            <CallRow key={call.id} call={call} restaurantId={restaurantId} />
          ))}
        </Stack>
      </SimpleGrid>
    </>
  )
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  )
}

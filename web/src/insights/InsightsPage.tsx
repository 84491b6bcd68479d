import { BarChart } from '@mantine/charts'
import { Card, Group, SegmentedControl, SimpleGrid, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useRestaurantCurrency, useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { formatDayRange, formatOutcome, formatPrice, toolLabel } from '../shared/format.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { ErrorState, LoadingState } from '../shared/states.tsx'
import { transfersSummary } from '../transfers/CallTransfers.tsx'
import { useInsights } from './insights.queries.ts'
import { UnansweredList } from './UnansweredList.tsx'

/** "12 calls, 95 s on average". */
function callsSummary(calls: { total: number; average_duration_seconds: number | null }) {
  const duration = calls.average_duration_seconds
    ? `${Math.round(calls.average_duration_seconds)} s on average`
    : 'no duration yet'
  return `${calls.total} ${calls.total === 1 ? 'call' : 'calls'}, ${duration}`
}

/** "4 orders, $96.40; 25% of calls ended in an order, 10% booked a table". */
function ordersSummary(
  data: {
    orders: { total: number; revenue: number }
    conversions: { order_share: number }
    bookings: { share: number }
  },
  currency: string | undefined,
) {
  const percent = (share: number) => `${Math.round(share * 100)}%`
  const { total, revenue } = data.orders
  return (
    `${total} ${total === 1 ? 'order' : 'orders'}, ${formatPrice(revenue, currency)}; ` +
    `${percent(data.conversions.order_share)} of calls ended in an order, ` +
    `${percent(data.bookings.share)} booked a table`
  )
}

export function InsightsPage() {
  const restaurantId = useRestaurantId()
  const [days, setDays] = useState('30')
  const insights = useInsights(restaurantId, Number(days))
  const currency = useRestaurantCurrency(restaurantId)
  return (
    <>
      <PageHeader
        title="Insights"
        description="How calls went, what they brought in, and what callers asked that the assistant could not answer."
        actions={
          <SegmentedControl
            aria-label="Period"
            value={days}
            onChange={setDays}
            data={[
              { value: '7', label: '7 days' },
              { value: '30', label: '30 days' },
              { value: '90', label: '90 days' },
            ]}
          />
        }
      />
      {insights.isPending && <LoadingState />}
      {insights.isError && <ErrorState error={insights.error} />}
      {insights.data && (
        <Text size="sm" c="dimmed" mb="md">
          {formatDayRange(insights.data.first_day, insights.data.last_day)}, by the day in {insights.data.timezone}
        </Text>
      )}
      {insights.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Card withBorder>
            <Title order={2} size="h4">
              Calls per day
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {callsSummary(insights.data.calls)}
            </Text>
            <figure aria-label="Calls per day" style={{ margin: 0 }}>
              <BarChart
                h={220}
                data={insights.data.calls.per_day.map((d) => ({ date: d.date.slice(5), calls: d.count }))}
                dataKey="date"
                series={[{ name: 'calls', color: 'blue.8', label: 'Calls' }]}
                tickLine="y"
              />
            </figure>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              Outcomes
            </Title>
            <CountTable
              rows={insights.data.outcomes.map((o) => ({ label: formatOutcome(o.outcome), count: o.count }))}
              header="Outcome"
            />
            <Title order={2} size="h4" my="sm">
              Transfers to a person
            </Title>
            <Text size="sm" aria-label="Transfers">
              {transfersSummary(insights.data.transfers)}
            </Text>
            <Title order={2} size="h4" my="sm">
              Tool usage
            </Title>
            <CountTable
              rows={insights.data.tool_usage.map((t) => ({
                label: toolLabel(t.tool),
                count: t.count,
                extra: `${t.unanswered} unanswered`,
              }))}
              header="Tool"
            />
          </Card>
          <Card withBorder>
            <Title order={2} size="h4">
              Orders per day
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {ordersSummary(insights.data, currency)}
            </Text>
            <figure aria-label="Orders per day" style={{ margin: 0 }}>
              <BarChart
                h={220}
                data={insights.data.orders.per_day.map((d) => ({
                  date: d.date.slice(5),
                  orders: d.count,
                }))}
                dataKey="date"
                series={[{ name: 'orders', color: 'teal.8', label: 'Orders' }]}
                tickLine="y"
              />
            </figure>
          </Card>
          <Card withBorder style={{ gridColumn: '1 / -1' }}>
            <Group justify="space-between">
              <Title order={2} size="h4" mb="sm">
                Unanswered questions
              </Title>
            </Group>
            <UnansweredList restaurantId={restaurantId} unanswered={insights.data.unanswered} />
          </Card>
        </SimpleGrid>
      )}
    </>
  )
}

function CountTable({
  rows,
  header,
}: {
  rows: Array<{ label: string; count: number; extra?: string }>
  header: string
}) {
  if (rows.length === 0) return <Text c="dimmed">None yet.</Text>
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{header}</Table.Th>
          <Table.Th ta="right">Count</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.label}>
            <Table.Td>
              {row.label}
              {row.extra && <Text span size="xs" c="dimmed">{` · ${row.extra}`}</Text>}
            </Table.Td>
            <Table.Td ta="right">{row.count}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

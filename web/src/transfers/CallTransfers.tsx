import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core'
import type { CallDetail } from '../calls/calls.queries.ts'
import { formatDateTime } from '../shared/format.ts'

type Transfer = CallDetail['transfers'][number]

const LABELS: Record<Transfer['status'], { label: string; color: string }> = {
  requested: { label: 'asked', color: 'gray' },
  connected: { label: 'connected', color: 'teal' },
  no_answer: { label: 'no answer', color: 'orange' },
  busy: { label: 'line busy', color: 'orange' },
  failed: { label: 'failed', color: 'red' },
  unavailable: { label: 'nobody to transfer to', color: 'gray' },
}

/** A call's transfers to a person, in order, with how each went. */
export function CallTransfers({ transfers, timeZone }: { transfers: Transfer[]; timeZone: string | undefined }) {
  if (transfers.length === 0) return null
  return (
    <section aria-labelledby="transfers-title">
      <Title order={2} size="h4" id="transfers-title" mb="xs">
        Transfers to a person
      </Title>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {transfers.map((transfer) => (
          <Card withBorder padding="sm" component="li" key={transfer.requested_at}>
            <Group gap="xs">
              <Badge color={LABELS[transfer.status].color} variant="light">
                {LABELS[transfer.status].label}
              </Badge>
              <Text size="sm" c="dimmed">
                {formatDateTime(transfer.requested_at, timeZone)}
              </Text>
              {transfer.reason && <Text size="sm">{transfer.reason}</Text>}
            </Group>
          </Card>
        ))}
      </Stack>
    </section>
  )
}

/** "3 asked: 2 connected, 1 failed". */
export function transfersSummary(transfers: { asked: number; connected: number; failed: number; unavailable: number }) {
  if (transfers.asked === 0) return 'No caller asked for a person.'
  const closed = transfers.unavailable > 0 ? `, ${transfers.unavailable} while nobody could take it` : ''
  return `${transfers.asked} asked: ${transfers.connected} connected, ${transfers.failed} failed${closed}.`
}

import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { ACTIONS, type Reservation, useReservationStatus, useReservations } from './reservations.queries.ts'

const STATUS_COLORS: Record<Reservation['status'], string> = {
  pending: 'yellow',
  confirmed: 'blue',
  seated: 'green',
  cancelled: 'gray',
  no_show: 'red',
}
const STATUS_LABELS: Record<Reservation['status'], string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  seated: 'Seated',
  cancelled: 'Cancelled',
  no_show: 'No-show',
}

export function ReservationsPage() {
  const restaurantId = useRestaurantId()
  const [date, setDate] = useState<string | undefined>(undefined)
  const day = useReservations(restaurantId, date)
  const shown = date ?? day.data?.date ?? ''
  return (
    <>
      <PageHeader title="Reservations" description="Tables booked by phone, by time. Confirm, seat or cancel them." />
      <Group mb="md" align="flex-end" gap="xs">
        <TextInput
          label="Date"
          type="date"
          value={shown}
          onChange={(e) => setDate(e.currentTarget.value || undefined)}
          maw={200}
        />
        <Button variant="default" onClick={() => setDate(shift(shown, -1))} disabled={!shown}>
          Previous day
        </Button>
        <Button variant="default" onClick={() => setDate(shift(shown, 1))} disabled={!shown}>
          Next day
        </Button>
      </Group>
      {day.isPending && <LoadingState />}
      {day.isError && <ErrorState error={day.error} />}
      {day.data?.data.length === 0 && (
        <EmptyState title="No reservations">Nobody has booked a table that day.</EmptyState>
      )}
      {day.data && day.data.data.length > 0 && <SeatsSummary reservations={day.data.data} />}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Reservations">
        {day.data?.data.map((reservation) => (
          <li key={reservation.id}>
            <ReservationRow reservation={reservation} restaurantId={restaurantId} />
          </li>
        ))}
      </Stack>
    </>
  )
}

function SeatsSummary({ reservations }: { reservations: Reservation[] }) {
  const holding = reservations.filter((r) => r.status !== 'cancelled' && r.status !== 'no_show')
  const guests = holding.reduce((sum, r) => sum + r.party_size, 0)
  return (
    <Text size="sm" c="dimmed" mb="xs">
      {holding.length} {holding.length === 1 ? 'booking' : 'bookings'}, {guests} {guests === 1 ? 'guest' : 'guests'}
    </Text>
  )
}

function ReservationRow({ reservation, restaurantId }: { reservation: Reservation; restaurantId: string }) {
  const change = useReservationStatus(restaurantId)
  const actions = ACTIONS[reservation.status]
  const label = `${reservation.time} ${reservation.name}`
  return (
    <Card withBorder padding="sm" aria-label={label}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="sm" wrap="nowrap">
          <Text fw={700} ff="monospace">
            {reservation.time}
          </Text>
          <div>
            <Text fw={600}>{reservation.name}</Text>
            <Text size="sm" c="dimmed">
              {reservation.party_size} {reservation.party_size === 1 ? 'person' : 'people'}
              {reservation.caller_phone ? ` · ${reservation.caller_phone}` : ''}
            </Text>
          </div>
        </Group>
        <Badge color={STATUS_COLORS[reservation.status]} variant="light">
          {STATUS_LABELS[reservation.status]}
        </Badge>
      </Group>
      {actions.length > 0 && (
        <Group gap="xs" mt="xs">
          {actions.map((action) => (
            <Button
              key={action.status}
              size="xs"
              variant={action.status === 'cancelled' || action.status === 'no_show' ? 'default' : 'filled'}
              loading={change.isPending && change.variables?.status === action.status}
              disabled={change.isPending}
              onClick={() => change.mutate({ reservationId: reservation.id, status: action.status })}
            >
              {action.label}
            </Button>
          ))}
        </Group>
      )}
      {change.isError && (
        <Alert color="red" mt="xs" role="alert">
          {change.error.message}
        </Alert>
      )}
    </Card>
  )
}

function shift(date: string, days: number) {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + days)
  return next.toISOString().slice(0, 10)
}

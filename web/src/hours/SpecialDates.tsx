import { Badge, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { type FormEvent, useState } from 'react'
import { useRestaurant } from '../restaurants/restaurant.queries.ts'
import { FormActions, SaveError, ShiftFields } from '../shared/FormParts.tsx'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import {
  formatCalendarDate,
  localToday,
  type SpecialDate,
  type SpecialDateInput,
  upcomingDates,
  useSpecialDateMutations,
  useSpecialDates,
} from './special-dates.queries.ts'

type Editing = { row?: SpecialDate; date?: string; name?: string } | null

/** Holidays and one-off changes: on those dates they replace the weekday's hours. */
export function SpecialDates({ restaurantId }: { restaurantId: string }) {
  const restaurant = useRestaurant(restaurantId)
  const rows = useSpecialDates(restaurantId)
  const { save, remove } = useSpecialDateMutations(restaurantId)
  const [editing, setEditing] = useState<Editing>(null)
  const phone = useMediaQuery('(max-width: 36em)')
  const today = localToday(restaurant.data?.timezone ?? 'UTC')
  const open = (next: NonNullable<Editing>) => {
    save.reset()
    remove.reset()
    setEditing(next)
  }
  const close = () => setEditing(null)
  const dates = upcomingDates(rows.data ?? [], today)
  return (
    <section aria-labelledby="special-dates-heading">
      <Group justify="space-between" mt="xl" mb="xs">
        <Title order={2} size="h4" id="special-dates-heading">
          Special dates
        </Title>
        <Button variant="light" size="compact-sm" onClick={() => open({})}>
          Add special date
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Holidays and one-off changes. On these dates callers hear these hours instead of the weekday's.
      </Text>
      {rows.isPending && <LoadingState />}
      {rows.isError && <ErrorState error={rows.error} />}
      {rows.data && dates.length === 0 && (
        <EmptyState title="No special dates coming up">Add a holiday closing or a late night.</EmptyState>
      )}
      <Stack gap="xs">
        {dates.map(({ date, shifts }) => {
          const label = formatCalendarDate(date)
          const name = shifts.find((s) => s.name)?.name ?? undefined
          return (
            <Card
              withBorder
              padding="sm"
              key={date}
              component="article"
              aria-label={name ? `${label}, ${name}` : label}
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <div>
                  <Text fw={600}>{label}</Text>
                  {name && (
                    <Text size="sm" c="dimmed">
                      {name}
                    </Text>
                  )}
                </div>
                <Button
                  variant="light"
                  size="compact-sm"
                  onClick={() => open({ date, name })}
                  aria-label={`Add shift on ${label}`}
                >
                  Add
                </Button>
              </Group>
              <Stack gap={4} mt={4}>
                {shifts.map((row) => (
                  <Group key={row.id} gap="xs" wrap="wrap">
                    {row.is_closed ? (
                      <Badge color="red" variant="light">
                        Closed
                      </Badge>
                    ) : (
                      <Text>{`${row.open_time} – ${row.close_time}`}</Text>
                    )}
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      onClick={() => open({ row })}
                      aria-label={`Edit ${label} ${row.is_closed ? 'closed' : `${row.open_time}–${row.close_time}`}`}
                    >
                      Edit
                    </Button>
                  </Group>
                ))}
              </Stack>
            </Card>
          )
        })}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing?.row ? 'Edit special date' : 'Add special date'}
        fullScreen={phone}
      >
        {editing && (
          <SpecialDateForm
            editing={editing}
            today={today}
            saving={save.isPending}
            error={save.error ?? remove.error}
            onSave={(body) => save.mutate({ dateId: editing.row?.id, body }, { onSuccess: close })}
            onDelete={editing.row ? () => remove.mutate(editing.row!.id, { onSuccess: close }) : undefined}
          />
        )}
      </Modal>
    </section>
  )
}

function SpecialDateForm({
  editing,
  today,
  saving,
  error,
  onSave,
  onDelete,
}: {
  editing: NonNullable<Editing>
  today: string
  saving: boolean
  error: Error | null
  onSave: (body: SpecialDateInput) => void
  onDelete?: () => void
}) {
  const { row } = editing
  const [date, setDate] = useState(row?.date ?? editing.date ?? today)
  const [name, setName] = useState(row?.name ?? editing.name ?? '')
  const [closed, setClosed] = useState(row ? Boolean(row.is_closed) : !editing.date)
  const [openTime, setOpen] = useState(row?.open_time ?? '11:00')
  const [closeTime, setClose] = useState(row?.close_time ?? '22:00')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave({
      date,
      name: name.trim() || null,
      is_closed: closed,
      open_time: closed ? null : openTime,
      close_time: closed ? null : closeTime,
    })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <SaveError error={error} />
        <TextInput label="Date" type="date" required value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        <TextInput
          label="Name"
          placeholder="Christmas Eve, private event…"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <ShiftFields
          closed={closed}
          onClosed={setClosed}
          openTime={openTime}
          onOpen={setOpen}
          closeTime={closeTime}
          onClose={setClose}
        />
        <Text size="xs" c="dimmed">
          Add several shifts for one date to split the day; a closing time before the opening time is after midnight.
        </Text>
        <FormActions saving={saving} deleteLabel="Delete" onDelete={onDelete} />
      </Stack>
    </form>
  )
}

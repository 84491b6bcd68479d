import { Alert, Badge, Button, Card, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { type FormEvent, useState } from 'react'
import { useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { CallerQuestion } from '../shared/CallerQuestion.tsx'
import { FormActions, SaveError, ShiftFields } from '../shared/FormParts.tsx'
import { PageHeader } from '../shared/PageHeader.tsx'
import { ErrorState, LoadingState } from '../shared/states.tsx'
import { useOpenNow } from '../try-it/try-it.queries.ts'
import { closesAfterMidnight, DAYS, type Shift, shiftsOf, useHours, useHoursMutations } from './hours.queries.ts'
import { SpecialDates } from './SpecialDates.tsx'

const capital = (day: string) => day.charAt(0).toUpperCase() + day.slice(1)

export function HoursPage() {
  const restaurantId = useRestaurantId()
  const hours = useHours(restaurantId)
  const openNow = useOpenNow(restaurantId)
  const { save, remove } = useHoursMutations(restaurantId)
  const [editing, setEditing] = useState<{ shift?: Shift; day: string } | null>(null)
  const phone = useMediaQuery('(max-width: 36em)')
  const open = (day: string, shift?: Shift) => {
    save.reset()
    remove.reset()
    setEditing({ day, shift })
  }
  return (
    <>
      <PageHeader title="Hours" description="The week as callers hear it, in the restaurant's time zone." />
      <CallerQuestion hint="Correct the hours that answer it." />
      {openNow.data && (
        <Alert variant="light" color="blue" mb="md" title="Right now the assistant says">
          {openNow.data}
        </Alert>
      )}
      {hours.isPending && <LoadingState />}
      {hours.isError && <ErrorState error={hours.error} />}
      {hours.data && (
        <Stack gap="xs">
          {DAYS.map((day) => {
            const shifts = shiftsOf(hours.data, day)
            const closed = shifts.length === 0 || shifts.every((s) => s.is_closed)
            return (
              <Card withBorder padding="sm" key={day} component="section" aria-label={capital(day)}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={600} w={112} style={{ flexShrink: 0 }}>
                    {capital(day)}
                  </Text>
                  <Stack gap={4} style={{ flex: 1 }}>
                    {closed && <Text c="dimmed">Closed</Text>}
                    {shifts
                      .filter((s) => !s.is_closed)
                      .map((shift) => (
                        <Group key={shift.id} gap="xs" wrap="wrap">
                          <Text>{`${shift.open_time ?? '?'} – ${shift.close_time ?? '?'}`}</Text>
                          {closesAfterMidnight(shift) && (
                            <Badge variant="light" color="violet">
                              closes after midnight
                            </Badge>
                          )}
                          <Button
                            variant="subtle"
                            size="compact-xs"
                            onClick={() => open(day, shift)}
                            aria-label={`Edit ${capital(day)} ${shift.open_time}–${shift.close_time}`}
                          >
                            Edit
                          </Button>
                        </Group>
                      ))}
                  </Stack>
                  <Button
                    variant="light"
                    size="compact-sm"
                    onClick={() => open(day)}
                    aria-label={`Add shift on ${capital(day)}`}
                  >
                    Add
                  </Button>
                </Group>
              </Card>
            )
          })}
        </Stack>
      )}
      <SpecialDates restaurantId={restaurantId} />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.shift ? 'Edit shift' : 'Add shift'}
        fullScreen={phone}
      >
        {editing && (
          <ShiftForm
            day={editing.day}
            shift={editing.shift}
            saving={save.isPending}
            error={save.error ?? remove.error}
            onSave={(body) => save.mutate({ itemId: editing.shift?.id, body }, { onSuccess: () => setEditing(null) })}
            onDelete={
              editing.shift ? () => remove.mutate(editing.shift!.id, { onSuccess: () => setEditing(null) }) : undefined
            }
          />
        )}
      </Modal>
    </>
  )
}

function ShiftForm({
  day,
  shift,
  saving,
  error,
  onSave,
  onDelete,
}: {
  day: string
  shift?: Shift
  saving: boolean
  error: Error | null
  onSave: (body: {
    day_of_week: string
    open_time: string | null
    close_time: string | null
    is_closed: boolean
  }) => void
  onDelete?: () => void
}) {
  const [dayOfWeek, setDay] = useState(day)
  const [openTime, setOpen] = useState(shift?.open_time ?? '11:00')
  const [closeTime, setClose] = useState(shift?.close_time ?? '22:00')
  const [closed, setClosed] = useState(shift?.is_closed ?? false)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave({
      day_of_week: dayOfWeek,
      open_time: closed ? null : openTime,
      close_time: closed ? null : closeTime,
      is_closed: closed,
    })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <SaveError error={error} />
        <NativeSelect
          label="Day"
          value={dayOfWeek}
          onChange={(e) => setDay(e.currentTarget.value)}
          data={DAYS.map((d) => ({ value: d, label: capital(d) }))}
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
          A closing time earlier than the opening time means after midnight (e.g. 18:00 – 02:00).
        </Text>
        <FormActions saving={saving} deleteLabel="Delete shift" onDelete={onDelete} />
      </Stack>
    </form>
  )
}

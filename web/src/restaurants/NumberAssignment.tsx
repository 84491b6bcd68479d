import { Alert, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core'
import { type FormEvent, useRef, useState } from 'react'
import { formatDateTime } from '../shared/format.ts'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { useAssignNumber, useUnroutedCalls } from './phone-numbers.queries.ts'

/**
 * The operator's numbers: assign one to a restaurant, and see calls to numbers nobody owns yet,
 * each a click away from being assigned.
 */
export function NumberAssignment({ restaurants }: { restaurants: Array<{ id: string; name: string }> }) {
  const unrouted = useUnroutedCalls()
  const assign = useAssignNumber()
  const [restaurantId, setRestaurantId] = useState('')
  const [phoneNumber, setPhoneNumber] = useState('')
  const numberField = useRef<HTMLInputElement>(null)
  const nameOf = (id?: string) => restaurants.find((r) => r.id === id)?.name ?? 'the restaurant'
  const chosen = restaurantId || restaurants[0]?.id || ''
  const submit = (event: FormEvent) => {
    event.preventDefault()
    assign.mutate({ restaurantId: chosen, phoneNumber: phoneNumber.trim() }, { onSuccess: () => setPhoneNumber('') })
  }
  const numbers = [...new Set((unrouted.data ?? []).map((call) => call.dialed_number).filter(Boolean))] as string[]
  return (
    <Stack gap="lg" mt="xl">
      <section aria-labelledby="assign-heading">
        <Title order={2} size="h4" mb="xs" id="assign-heading">
          Assign a number
        </Title>
        <Card withBorder padding="sm">
          <form onSubmit={submit}>
            <Stack gap="sm">
              {assign.error && (
                <Alert color="red" role="alert" title="Not assigned">
                  {assign.error.message}
                </Alert>
              )}
              {assign.data && (
                <Alert color="green" role="status" title="Assigned">
                  {`${assign.data.phone_number} now reaches ${nameOf(assign.variables?.restaurantId)}.`}
                </Alert>
              )}
              <NativeSelect
                label="Restaurant"
                value={chosen}
                onChange={(e) => setRestaurantId(e.currentTarget.value)}
                data={restaurants.map((r) => ({ value: r.id, label: r.name }))}
              />
              <TextInput
                ref={numberField}
                label="Phone number"
                description="E.164, e.g. +12125550123"
                type="tel"
                required
                value={phoneNumber}
                onChange={(e) => setPhoneNumber(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={assign.isPending} disabled={!chosen}>
                  Assign
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </section>
      <section aria-labelledby="unrouted-heading">
        <Title order={2} size="h4" mb="xs" id="unrouted-heading">
          Unrouted calls
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Calls to numbers no restaurant owns: the caller heard the fallback message.
        </Text>
        {unrouted.isPending && <LoadingState />}
        {unrouted.isError && <ErrorState error={unrouted.error} />}
        {unrouted.data?.length === 0 && (
          <EmptyState title="No unrouted calls">Every call reached a restaurant.</EmptyState>
        )}
        <Stack gap="xs">
          {numbers.map((number) => {
            const calls = unrouted.data!.filter((call) => call.dialed_number === number)
            return (
              <Card withBorder padding="sm" key={number} component="article" aria-label={number}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <div>
                    <Text fw={600}>{number}</Text>
                    <Text size="xs" c="dimmed">
                      {`${calls.length} call${calls.length === 1 ? '' : 's'}, last `}
                      {formatDateTime(calls[0]?.started_at ?? calls[0]?.created_at)}
                    </Text>
                  </div>
                  <Button
                    variant="light"
                    size="compact-sm"
                    aria-label={`Assign ${number}`}
                    onClick={() => {
                      setPhoneNumber(number)
                      numberField.current?.focus()
                    }}
                  >
                    Assign…
                  </Button>
                </Group>
              </Card>
            )
          })}
        </Stack>
      </section>
    </Stack>
  )
}

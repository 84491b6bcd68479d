import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/client.ts'

const STATE_LABEL: Record<string, string> = {
  never: 'Not synced yet',
  syncing: 'Syncing…',
  synced: 'Synced',
  failed: 'Sync failed',
}

/** Square: connect (OAuth), the sync state, Sync now, the last error; owners and the operator. */
export function SquareCard({ restaurantId }: { restaurantId: string }) {
  const queryClient = useQueryClient()
  const key = ['integrations', restaurantId]
  const params = { params: { path: { id: restaurantId } } }
  const status = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/integrations', params)),
  })
  const connect = useMutation({
    mutationFn: () => unwrap(api.POST('/api/restaurants/{id}/integrations/square/connect', params)),
    // Square's own page asks the owner to approve; it comes back to Settings.
    onSuccess: ({ authorize_url }) => window.location.assign(authorize_url),
  })
  const sync = useMutation({
    mutationFn: () => unwrap(api.POST('/api/restaurants/{id}/integrations/square/sync', params)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  })
  const square = status.data?.square
  const failure = connect.error ?? sync.error
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Square point of sale
        </Title>
        {square && (
          <Badge variant="light" color={square.connected ? 'green' : 'gray'}>
            {square.connected ? 'Connected' : 'Not connected'}
          </Badge>
        )}
      </Group>
      {status.isError && <Text c="dimmed">{status.error.message}</Text>}
      {square && !square.connected && (
        <Stack gap="sm">
          <Text c="dimmed" size="sm">
            Take the menu, sizes, options and sold-out dishes from Square, and send phone orders to it.
          </Text>
          <Group>
            <Button onClick={() => connect.mutate()} loading={connect.isPending}>
              Connect Square
            </Button>
          </Group>
        </Stack>
      )}
      {square?.connected && (
        <Stack gap="sm">
          <Text size="sm">
            Location <b>{square.location_id}</b> · {STATE_LABEL[square.sync_state] ?? square.sync_state}
            {square.last_sync_at && ` · last synced ${new Date(square.last_sync_at).toLocaleString()}`}
          </Text>
          {square.last_error && (
            <Alert color={square.sync_state === 'failed' ? 'red' : 'yellow'} title="Last sync">
              {square.last_error}
            </Alert>
          )}
          {sync.data && (
            <Text size="sm" c="dimmed">
              {sync.data.items} dishes and {sync.data.modifiers} options updated, {sync.data.unchanged} unchanged,{' '}
              {sync.data.removed} removed.
            </Text>
          )}
          <Group>
            <Button onClick={() => sync.mutate()} loading={sync.isPending}>
              Sync now
            </Button>
          </Group>
        </Stack>
      )}
      {failure && (
        <Alert color="red" mt="sm">
          {failure.message}
        </Alert>
      )}
    </Card>
  )
}

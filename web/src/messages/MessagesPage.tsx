import { Alert, Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { useRestaurantId, useRestaurantTimeZone } from '../restaurants/restaurant.queries.ts'
import { formatDateTime } from '../shared/format.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { useRestaurantEvents } from '../shared/useRestaurantEvents.ts'
import { type Message, type MessageStatus, messagesKey, useMessageStatus, useMessages } from './messages.queries.ts'

const KIND_LABELS: Record<Message['kind'], string> = {
  message: 'Message',
  large_party: 'Large party',
  catering: 'Catering',
  private_event: 'Private event',
}
const KIND_COLORS: Record<Message['kind'], string> = {
  message: 'blue',
  large_party: 'grape',
  catering: 'orange',
  private_event: 'teal',
}

export function MessagesPage() {
  const restaurantId = useRestaurantId()
  const timeZone = useRestaurantTimeZone(restaurantId)
  const [status, setStatus] = useState<MessageStatus>('open')
  const messages = useMessages(restaurantId, status)
  useRestaurantEvents(restaurantId, { 'message.created': [messagesKey(restaurantId)] })
  return (
    <>
      <PageHeader
        title="Messages"
        description="Messages and event requests callers left, newest first. Call them back, then mark them done."
      />
      <SegmentedControl
        mb="md"
        aria-label="Which messages"
        value={status}
        onChange={(value) => setStatus(value as MessageStatus)}
        data={[
          { label: 'Open', value: 'open' },
          { label: 'Done', value: 'done' },
        ]}
      />
      {messages.isPending && <LoadingState />}
      {messages.isError && <ErrorState error={messages.error} />}
      {messages.data?.length === 0 && (
        <EmptyState title={status === 'open' ? 'No open messages' : 'Nothing marked done'}>
          {status === 'open' ? 'When a caller leaves a message or asks about an event, it appears here.' : null}
        </EmptyState>
      )}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Messages">
        {messages.data?.map((message) => (
          <li key={message.id}>
            <MessageCard message={message} restaurantId={restaurantId} timeZone={timeZone} />
          </li>
        ))}
      </Stack>
    </>
  )
}

function MessageCard({
  message,
  restaurantId,
  timeZone,
}: {
  message: Message
  restaurantId: string
  timeZone?: string
}) {
  const change = useMessageStatus(restaurantId)
  const kind = KIND_LABELS[message.kind]
  const action = message.status === 'open' ? 'Mark done' : 'Reopen'
  const details = [message.party_size && `${message.party_size} people`, message.date && `on ${message.date}`].filter(
    Boolean,
  )
  return (
    <Card withBorder padding="sm" aria-label={`${kind} from ${message.name}`}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <div>
          <Group gap="xs">
            <Badge color={KIND_COLORS[message.kind]} variant="light">
              {kind}
            </Badge>
            <Text fw={600}>{message.name}</Text>
            {details.length > 0 && <Text size="sm">{details.join(' ')}</Text>}
          </Group>
          <Text size="sm" c="dimmed">
            {formatDateTime(message.created_at, timeZone)}
          </Text>
        </div>
        <Button
          size="xs"
          variant={message.status === 'open' ? 'filled' : 'default'}
          loading={change.isPending}
          onClick={() => change.mutate({ messageId: message.id, status: message.status === 'open' ? 'done' : 'open' })}
          aria-label={`${action}: ${kind.toLowerCase()} from ${message.name}`}
        >
          {action}
        </Button>
      </Group>
      {message.reason && <Text mt="xs">{message.reason}</Text>}
      {message.notes && (
        <Text mt="xs" size="sm">
          Notes: {message.notes}
        </Text>
      )}
      <Group gap="md" mt="xs" wrap="wrap">
        <Text size="sm">
          Call back:{' '}
          {message.callback_number ? (
            <Anchor href={`tel:${message.callback_number}`}>{message.callback_number}</Anchor>
          ) : (
            'no number'
          )}
        </Text>
        {message.email && (
          <Text size="sm">
            E-mail: <Anchor href={`mailto:${message.email}`}>{message.email}</Anchor>
          </Text>
        )}
        {message.order && (
          <Anchor component={Link} to={`/r/${restaurantId}/orders`} size="sm">
            {`About order ${message.order.number} (${message.order.status.replace('_', ' ')})`}
          </Anchor>
        )}
        {message.call_id && (
          <Anchor component={Link} to={`/r/${restaurantId}/calls/${message.call_id}`} size="sm">
            Open the call
          </Anchor>
        )}
      </Group>
      {change.isError && (
        <Alert color="red" mt="xs" role="alert">
          {change.error.message}
        </Alert>
      )}
    </Card>
  )
}

import { Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { useRestaurantId, useRestaurantTimeZone } from '../restaurants/restaurant.queries.ts'
import { formatDateTime, formatPrice } from '../shared/format.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { beep } from './new-order-sound.ts'
import { OrderNotes } from './OrderNotes.tsx'
import { type Order, type OrderStatus, useOrderStatus, useOrders, useResendPaymentLink } from './orders.queries.ts'

const STATUS_COLORS: Record<OrderStatus, string> = {
  awaiting_payment: 'yellow',
  new: 'red',
  accepted: 'blue',
  ready: 'teal',
  completed: 'gray',
  cancelled: 'gray',
}

/** The buttons an order's status allows, in the order the kitchen uses them. */
const ACTIONS: Record<OrderStatus, { label: string; status: OrderStatus }[]> = {
  awaiting_payment: [{ label: 'Cancel', status: 'cancelled' }],
  new: [
    { label: 'Accept', status: 'accepted' },
    { label: 'Cancel', status: 'cancelled' },
  ],
  accepted: [
    { label: 'Ready', status: 'ready' },
    { label: 'Cancel', status: 'cancelled' },
  ],
  ready: [
    { label: 'Complete', status: 'completed' },
    { label: 'Cancel', status: 'cancelled' },
  ],
  completed: [],
  cancelled: [],
}

const PAYMENT_LABELS: Record<Order['payment']['status'], string> = {
  not_required: 'pay at pickup',
  pending: 'payment pending',
  paid: 'paid',
  expired: 'link expired',
}
const PAYMENT_COLORS: Record<Order['payment']['status'], string> = {
  not_required: 'gray',
  pending: 'yellow',
  paid: 'green',
  expired: 'orange',
}

const OPEN: OrderStatus[] = ['new', 'accepted', 'ready']

/** Beeps when an order id appears that the page has not seen since it loaded. */
function useNewOrderSound(orders: Order[] | undefined) {
  const seen = useRef<Set<string> | null>(null)
  const [arrived, setArrived] = useState(0)
  useEffect(() => {
    if (!orders) return
    const ids = orders.map((order) => order.id)
    if (seen.current === null) {
      seen.current = new Set(ids)
      return
    }
    const fresh = ids.filter((id) => !seen.current!.has(id))
    for (const id of fresh) seen.current.add(id)
    if (fresh.length > 0) {
      beep()
      setArrived((n) => n + fresh.length)
    }
  }, [orders])
  return arrived
}

export function OrdersPage() {
  const restaurantId = useRestaurantId()
  const timeZone = useRestaurantTimeZone(restaurantId)
  const orders = useOrders(restaurantId)
  const move = useOrderStatus(restaurantId)
  const unpaid = useOrders(restaurantId, 'awaiting_payment')
  const resend = useResendPaymentLink(restaurantId)
  const [show, setShow] = useState<'open' | 'all'>('open')
  const arrived = useNewOrderSound(orders.data)
  const listed = orders.data?.filter((order) => show === 'all' || OPEN.includes(order.status))
  const waiting = unpaid.data?.length ?? 0
  return (
    <>
      <PageHeader
        title="Orders"
        description="Phone orders, newest first. New ones appear here on their own, with a beep."
      />
      <SegmentedControl
        mb="md"
        aria-label="Which orders"
        value={show}
        onChange={(value) => setShow(value as 'open' | 'all')}
        data={[
          { label: 'Open', value: 'open' },
          { label: 'All', value: 'all' },
        ]}
      />
      <Text size="sm" c="dimmed" aria-live="polite" mb="xs">
        {arrived > 0 ? `${arrived} new since you opened this page` : ''}
      </Text>
      {orders.isPending && <LoadingState />}
      {orders.isError && <ErrorState error={orders.error} />}
      {move.isError && <ErrorState error={move.error} title="That change did not go through" />}
      {resend.isError && <ErrorState error={resend.error} title="The link was not sent" />}
      {resend.isSuccess && (
        <Text size="sm" c="teal" role="status" mb="xs">
          Payment link sent again.
        </Text>
      )}
      {unpaid.data && waiting > 0 && (
        <Stack gap="xs" mb="md" component="section" aria-label="Waiting for payment">
          <Text fw={600}>Waiting for payment: not for the kitchen yet</Text>
          {unpaid.data.map((order) => (
            <OrderCard
              key={order.id}
              order={order}
              timeZone={timeZone}
              busy={move.isPending || resend.isPending}
              onMove={(status) => move.mutate({ orderId: order.id, status })}
              onResend={() => resend.mutate(order.id)}
            />
          ))}
        </Stack>
      )}
      {listed?.length === 0 &&
        (waiting > 0 ? (
          <EmptyState title="Nothing for the kitchen yet">An order comes here once its payment is in.</EmptyState>
        ) : (
          <EmptyState title="No orders yet">Orders placed by phone appear here.</EmptyState>
        ))}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Orders">
        {listed?.map((order) => (
          <li key={order.id}>
            <OrderCard
              order={order}
              timeZone={timeZone}
              busy={move.isPending}
              onMove={(status) => move.mutate({ orderId: order.id, status })}
            />
          </li>
        ))}
      </Stack>
    </>
  )
}

function OrderCard({
  order,
  timeZone,
  busy,
  onMove,
  onResend,
}: {
  order: Order
  timeZone: string | undefined
  busy: boolean
  onMove: (status: OrderStatus) => void
  onResend?: () => void
}) {
  const price = (value: number) => formatPrice(value, order.currency)
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Order ${order.number}`}>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Text fw={700}>Order {order.number}</Text>
          <Badge color={STATUS_COLORS[order.status]} variant="light">
            {order.status === 'awaiting_payment' ? 'awaiting payment' : order.status}
          </Badge>
          <Badge color={order.payment.refunded_at ? 'gray' : PAYMENT_COLORS[order.payment.status]} variant="dot">
            {order.payment.refunded_at ? 'refunded' : PAYMENT_LABELS[order.payment.status]}
          </Badge>
          <Badge color="gray" variant="outline">
            {order.fulfillment === 'delivery' ? `delivery ${order.postal_code ?? ''}` : 'pickup'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          ready {formatDateTime(order.pickup_time, timeZone)}
        </Text>
      </Group>
      <OrderNotes order={order} />
      <Stack gap={0} component="ul" pl="md" my={6}>
        {order.items.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an order's lines never move, and two may share a name
          <Text component="li" size="sm" key={`${line.name}-${i}`}>
            {line.quantity} × {line.name}
            {line.options.length > 0 ? ` (${line.options.join(', ')})` : ''}
            {line.notes ? ` — ${line.notes}` : ''} · {price(line.line_total)}
          </Text>
        ))}
      </Stack>
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          <b>{price(order.total)}</b> · {order.customer_name ?? 'No name'} · {order.customer_phone ?? 'no number'}
        </Text>
        <Group gap="xs">
          {onResend && order.status === 'awaiting_payment' && (
            <Button size="xs" variant="light" disabled={busy} onClick={onResend}>
              Resend link
            </Button>
          )}
          {ACTIONS[order.status].map((action) => (
            <Button
              key={action.status}
              size="xs"
              variant={action.status === 'cancelled' ? 'subtle' : 'filled'}
              color={action.status === 'cancelled' ? 'red' : undefined}
              disabled={busy}
              onClick={() => onMove(action.status)}
            >
              {action.label}
            </Button>
          ))}
        </Group>
      </Group>
    </Card>
  )
}

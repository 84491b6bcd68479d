import { Alert, Text } from '@mantine/core'
import type { Order } from './orders.queries.ts'

/** The party's allergies and the whole order's notes: first on the card, where nobody misses them. */
export function OrderNotes({ order }: { order: Pick<Order, 'allergies' | 'notes'> }) {
  if (!order.allergies && !order.notes) return null
  return (
    <>
      {order.allergies && (
        <Alert
          color="red"
          variant="light"
          p={6}
          mt={6}
          title={`Allergies: ${order.allergies}`}
          aria-label="Allergies"
        />
      )}
      {order.notes && (
        <Text size="sm" mt={6} aria-label="Order notes">
          <b>Notes:</b> {order.notes}
        </Text>
      )}
    </>
  )
}

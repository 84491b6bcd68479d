import { createHmac, timingSafeEqual } from 'node:crypto'
import type { OrderStatus } from '../../../infra/db/schema.ts'
import { lookUp } from '../../../shared/look-up.ts'
import type { PosEvent } from '../pos.types.ts'

/** Square's fulfillment states → our order statuses (PROPOSED is an order we already call new). */
const STATUS_OF: Record<string, OrderStatus> = {
  RESERVED: 'accepted',
  PREPARED: 'ready',
  COMPLETED: 'completed',
  CANCELED: 'cancelled',
  FAILED: 'cancelled',
}
export const squareStatusOf = (state: string | undefined): OrderStatus | undefined =>
  state ? lookUp(STATUS_OF, state) : undefined

/** A webhook delivery as Square sends it (snake_case on the wire). */
type SquareNotification = {
  merchant_id?: string
  type?: string
  data?: {
    id?: string
    object?: {
      inventory_counts?: Array<{ catalog_object_id?: string; location_id?: string; state?: string; quantity?: string }>
      order_fulfillment_updated?: {
        order_id?: string
        fulfillment_update?: Array<{ new_state?: string }>
      }
    }
  }
}

/**
 * x-square-hmacsha256-signature = base64 HMAC-SHA256(signature key, notification URL + raw body),
 * compared in constant time (the SDK's WebhooksHelper compares with ===). Null: not from Square.
 */
export function readSquareWebhook({
  rawBody,
  signature,
  notificationUrl,
  signatureKey,
}: {
  rawBody: string
  signature: string | undefined
  notificationUrl: string
  signatureKey: string | undefined
}): PosEvent[] | null {
  if (!signatureKey || !signature) return null
  const expected = createHmac('sha256', signatureKey)
    .update(notificationUrl + rawBody)
    .digest()
  const given = Buffer.from(signature, 'base64')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  let notification: SquareNotification
  try {
    notification = JSON.parse(rawBody) as SquareNotification
  } catch {
    return []
  }
  const merchantId = notification.merchant_id
  if (!merchantId) return []
  switch (notification.type) {
    case 'catalog.version.updated':
      return [{ kind: 'catalog_changed', merchantId }]
    case 'inventory.count.updated':
      return (notification.data?.object?.inventory_counts ?? []).flatMap((count) =>
        count.catalog_object_id && count.location_id && count.state === 'IN_STOCK'
          ? [
              {
                kind: 'stock_changed' as const,
                merchantId,
                locationId: count.location_id,
                itemId: count.catalog_object_id,
                available: Number(count.quantity ?? '0') > 0,
              },
            ]
          : [],
      )
    case 'order.fulfillment.updated': {
      const updated = notification.data?.object?.order_fulfillment_updated
      const status = squareStatusOf(updated?.fulfillment_update?.at(-1)?.new_state)
      const posOrderId = updated?.order_id ?? notification.data?.id
      return posOrderId && status ? [{ kind: 'order_status', merchantId, posOrderId, status }] : []
    }
    default:
      return []
  }
}

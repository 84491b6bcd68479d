import { type Square, type SquareClient, SquareError } from 'square'
import type { PosCredentials, PosOrder, PushResult } from '../pos.types.ts'

/**
 * Our order as Square's CreateOrderRequest: catalog ids for items and modifiers (a name where a
 * line has none), one fulfillment (pickup at its time, or delivery to the address and postcode)
 * with the customer's name and number, and the notes. Our order id is the idempotency key, so a
 * retried push never creates a second order.
 */
export function squareOrderRequest(locationId: string, order: PosOrder): Square.CreateOrderRequest {
  const recipient: Square.FulfillmentRecipient = {
    displayName: order.customerName ?? `Phone order ${order.number}`,
    ...(order.customerPhone && { phoneNumber: order.customerPhone }),
  }
  const at = order.pickupTime.toISOString()
  const fulfillment: Square.Fulfillment =
    order.fulfillment === 'pickup'
      ? { type: 'PICKUP', state: 'PROPOSED', pickupDetails: { recipient, pickupAt: at, note: order.notes } }
      : {
          type: 'DELIVERY',
          state: 'PROPOSED',
          deliveryDetails: {
            recipient: {
              ...recipient,
              address: { addressLine1: order.deliveryAddress, postalCode: order.postalCode },
            },
            deliverAt: at,
            note: order.notes,
          },
        }
  const lineItems: Square.OrderLineItem[] = order.lines.map((line) => ({
    quantity: String(line.quantity),
    ...(line.externalId
      ? { catalogObjectId: line.externalId }
      : {
          name: line.name,
          basePriceMoney: { amount: BigInt(line.unit_price_cents), currency: order.currency as Square.Currency },
        }),
    ...(line.notes && { note: line.notes }),
    modifiers: line.modifiers.map((modifier) =>
      modifier.externalId ? { catalogObjectId: modifier.externalId } : { name: modifier.name },
    ),
  }))
  return {
    idempotencyKey: order.id,
    order: {
      locationId,
      referenceId: order.id,
      source: { name: 'Phone assistant' },
      ticketName: `Phone ${order.number}`,
      lineItems,
      fulfillments: [fulfillment],
      metadata: { our_order_id: order.id, ...(order.notes && { notes: order.notes.slice(0, 255) }) },
    },
  }
}

/** POST /v2/orders. 429 and 5xx are retried (Retry-After honoured); other refusals are final. */
export async function pushSquareOrder(
  client: SquareClient,
  credentials: PosCredentials,
  order: PosOrder,
): Promise<PushResult> {
  try {
    const response = await client.orders.create(squareOrderRequest(credentials.locationId, order))
    if (!response.order?.id) return { outcome: 'retry', error: 'Square returned no order id' }
    return { outcome: 'created', posOrderId: response.order.id }
  } catch (error) {
    if (!(error instanceof SquareError) || error.statusCode === undefined)
      return { outcome: 'retry', error: `Square unreachable: ${(error as Error).message}` }
    const detail = error.errors.map((e) => e.detail ?? e.code).join('; ') || `HTTP ${error.statusCode}`
    if (error.statusCode === 429 || error.statusCode >= 500 || error.statusCode === 401) {
      const retryAfter = Number(error.rawResponse?.headers.get('retry-after'))
      return {
        outcome: 'retry',
        error: `Square HTTP ${error.statusCode}: ${detail}`,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 && { retryAfterMs: retryAfter * 1000 }),
      }
    }
    return { outcome: 'refused', reason: detail }
  }
}

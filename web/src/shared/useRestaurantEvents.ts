import { type QueryKey, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'

/** The events `GET /api/restaurants/:id/events` streams (server: src/modules/activity). */
export type RestaurantEventType =
  | 'order.created'
  | 'order.updated'
  | 'reservation.created'
  | 'reservation.updated'
  | 'call.ended'
  | 'message.created'

export type RestaurantEvent = {
  id: string
  type: RestaurantEventType
  restaurant_id: string
  created_at: string
  data: Record<string, unknown>
}

/**
 * Keeps pages live: listens to the restaurant's event stream (same-origin EventSource, so the
 * session cookie goes along) and invalidates the query keys `invalidate` maps each event to, e.g.
 * `{ 'order.created': [['orders', id]], 'order.updated': [['orders', id]] }`. `onEvent` runs for
 * every event (a sound on a new order). EventSource reconnects by itself and the server replays
 * what was missed (Last-Event-ID); the stream closes when the component unmounts.
 * A page using it always has a request open: browser tests must not wait for 'networkidle' there.
 */
export function useRestaurantEvents(
  restaurantId: string | undefined,
  invalidate: Partial<Record<RestaurantEventType, QueryKey[]>>,
  onEvent?: (event: RestaurantEvent) => void,
) {
  const queryClient = useQueryClient()
  // Latest callbacks without reopening the stream on every render.
  const latest = useRef({ invalidate, onEvent })
  latest.current = { invalidate, onEvent }

  useEffect(() => {
    if (!restaurantId || typeof EventSource === 'undefined') return
    const source = new EventSource(`/api/restaurants/${encodeURIComponent(restaurantId)}/events`)
    const listener = (message: MessageEvent<string>) => {
      let event: RestaurantEvent
      try {
        event = JSON.parse(message.data)
      } catch {
        return
      }
      for (const queryKey of latest.current.invalidate[event.type] ?? []) {
        void queryClient.invalidateQueries({ queryKey })
      }
      latest.current.onEvent?.(event)
    }
    const types: RestaurantEventType[] = [
      'order.created',
      'order.updated',
      'reservation.created',
      'reservation.updated',
      'call.ended',
      'message.created',
    ]
    // Each SSE frame is named after its type (`event: order.created`), so each is listened to by name.
    for (const type of types) source.addEventListener(type, listener)
    return () => source.close()
  }, [restaurantId, queryClient])
}

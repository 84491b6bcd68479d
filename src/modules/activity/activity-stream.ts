import type { ServerResponse } from 'node:http'
import type { Activity, ActivityEvent } from './activity.types.ts'

/** A client this far behind (bytes queued) is cut off; it reconnects and catches up by Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1 << 20
const REPLAY_LIMIT = 200

const frame = (event: ActivityEvent, withId = true) =>
  `${withId ? `id: ${event.id}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
/** How many sent ids a stream remembers, to send an event that arrives late once. */
const SENT_REMEMBERED = 1_000

/**
 * Streams one restaurant's events to one client as server-sent events until either side closes:
 * first what came after `lastEventId` (a reconnecting EventSource sends it), then every event as
 * it is published, each once and in id order (one whose transaction committed late comes late); a
 * comment line every `heartbeatMs` keeps proxies
 * from closing an idle connection. Returns a function that ends the stream (server shutdown).
 */
export function streamActivity({
  activity,
  restaurantId,
  lastEventId,
  raw,
  heartbeatMs,
  onEnd,
}: {
  activity: Activity
  restaurantId: string
  lastEventId: string | undefined
  raw: ServerResponse
  heartbeatMs: number
  onEnd: () => void
}) {
  const hadBefore = lastEventId === undefined ? -1n : BigInt(lastEventId)
  let lastSent = hadBefore
  const sent = new Set<string>()
  let pending: ActivityEvent[] | undefined = []
  let ended = false
  const send = (event: ActivityEvent) => {
    const id = BigInt(event.id)
    if (ended || id <= hadBefore || sent.has(event.id)) return
    sent.add(event.id)
    if (sent.size > SENT_REMEMBERED) sent.delete(sent.values().next().value as string)
    // An event whose transaction committed after a later one's arrives late: it is sent all the
    // same, without an id, so that the client's Last-Event-ID stays the newest it has.
    const inOrder = id > lastSent
    if (inOrder) lastSent = id
    raw.write(frame(event, inOrder))
    if (raw.writableLength > MAX_BUFFERED_BYTES) end()
  }
  // Subscribed before the replay is read, so nothing published in between is missed.
  const unsubscribe = activity.subscribe(restaurantId, (event) => (pending ? pending.push(event) : send(event)))
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs)
  function end() {
    if (ended) return
    ended = true
    clearInterval(heartbeat)
    unsubscribe()
    if (!raw.writableEnded) raw.end()
    onEnd()
  }
  raw.on('close', end)
  raw.on('error', end)
  raw.write('retry: 3000\n: connected\n\n')

  const replay =
    lastEventId === undefined
      ? Promise.resolve([])
      : activity.recent({ restaurantId, after: lastEventId, limit: REPLAY_LIMIT })
  replay.then(
    (missed) => {
      for (const event of missed) send(event)
      const live = pending ?? []
      pending = undefined
      for (const event of live.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))) send(event)
    },
    () => end(),
  )
  return end
}

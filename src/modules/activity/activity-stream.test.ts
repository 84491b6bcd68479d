import assert from 'node:assert/strict'
import type { ServerResponse } from 'node:http'
import { PassThrough } from 'node:stream'
import { describe, it } from 'node:test'
import type { Activity, ActivityEvent } from './activity.types.ts'
import { createMemoryActivityBus } from './activity-bus.ts'
import { streamActivity } from './activity-stream.ts'

const RESTAURANT = '00000000-0000-0000-0000-000000000001'
const event = (id: number): ActivityEvent => ({
  id: String(id),
  type: 'order.created',
  restaurant_id: RESTAURANT,
  created_at: '2026-12-04T23:00:00.000Z',
  data: { id: `order-${id}` },
})

/** A stream over the in-process bus; `replay` is what the outbox holds after the client's Last-Event-ID. */
function openStream({ lastEventId, replay = [] }: { lastEventId?: string; replay?: ActivityEvent[] } = {}) {
  const bus = createMemoryActivityBus()
  const activity = {
    subscribe: bus.subscribe,
    recent: async () => replay,
  } as Pick<Activity, 'subscribe' | 'recent'> as Activity
  const raw = new PassThrough()
  let text = ''
  raw.on('data', (chunk) => {
    text += chunk
  })
  const end = streamActivity({
    activity,
    restaurantId: RESTAURANT,
    lastEventId,
    raw: raw as unknown as ServerResponse,
    heartbeatMs: 60_000,
    onEnd: () => {},
  })
  const frames = () =>
    text
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map((block) => ({
        id: /^id: (.*)$/m.exec(block)?.[1],
        order: JSON.parse(/^data: (.*)$/m.exec(block)![1]!).data.id as string,
      }))
  return { bus, end, frames }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('the activity stream of one client', () => {
  it('sends an event arriving after a later one once, without an id: Last-Event-ID stays the newest', async () => {
    const { bus, end, frames } = openStream()
    await tick()
    // Two writers: the transaction holding id 6 committed (and was published) before the one holding 5.
    await bus.publish([event(4), event(6)])
    await bus.publish([event(5)])
    await bus.publish([event(5), event(6), event(7)])
    end()
    assert.deepEqual(frames(), [
      { id: '4', order: 'order-4' },
      { id: '6', order: 'order-6' },
      { id: undefined, order: 'order-5' },
      { id: '7', order: 'order-7' },
    ])
  })

  it('replays what came after Last-Event-ID, then live events, each once', async () => {
    const { bus, end, frames } = openStream({ lastEventId: '3', replay: [event(4), event(5)] })
    await bus.publish([event(5), event(6)])
    await tick()
    await bus.publish([event(3), event(6), event(7)])
    end()
    assert.deepEqual(
      frames().map((frame) => frame.id),
      ['4', '5', '6', '7'],
    )
  })
})

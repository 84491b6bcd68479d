import type { Clock } from '../../src/shared/events.ts'

/**
 * A clock that starts at `instant` and then runs at the real pace: a test that depends on the
 * date or the hour states it, and passes whatever day the machine thinks it is.
 */
export function clockFrom(instant: string | Date): Clock {
  const start = new Date(instant).getTime()
  if (Number.isNaN(start)) throw new Error(`clockFrom: not an instant: ${String(instant)}`)
  const origin = performance.now()
  return { now: () => new Date(start + (performance.now() - origin)) }
}

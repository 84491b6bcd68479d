import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { localTime, zonedInstant } from './local-time.ts'

describe('zonedInstant', () => {
  it('finds the instant a wall clock shows, in winter and in summer', () => {
    assert.equal(zonedInstant('2026-12-24', 11 * 60, 'America/Los_Angeles').toISOString(), '2026-12-24T19:00:00.000Z')
    assert.equal(zonedInstant('2026-07-04', 11 * 60, 'America/Los_Angeles').toISOString(), '2026-07-04T18:00:00.000Z')
    assert.equal(zonedInstant('2026-07-04', 11 * 60, 'Asia/Tokyo').toISOString(), '2026-07-04T02:00:00.000Z')
  })

  it('runs minutes past midnight into the next day, across a year end', () => {
    assert.equal(zonedInstant('2026-12-31', 1440 + 90, 'Europe/Paris').toISOString(), '2027-01-01T00:30:00.000Z')
  })

  it('uses the offset of the day itself on the days the clocks change', () => {
    // New York springs forward at 2 AM on March 8, 2026 and falls back at 2 AM on November 1.
    assert.equal(zonedInstant('2026-03-08', 12 * 60, 'America/New_York').toISOString(), '2026-03-08T16:00:00.000Z')
    assert.equal(zonedInstant('2026-03-08', 60, 'America/New_York').toISOString(), '2026-03-08T06:00:00.000Z')
    assert.equal(zonedInstant('2026-11-01', 12 * 60, 'America/New_York').toISOString(), '2026-11-01T17:00:00.000Z')
  })

  it('gives back an instant showing the same wall clock, every seventh hour of a year', () => {
    // In the hour repeated when the clocks go back two instants show it; either is that wall clock.
    for (let hour = 0; hour < 365 * 24; hour += 7) {
      const wall = localTime(new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000), 'Australia/Sydney')
      const found = zonedInstant(wall.date, wall.minuteOfDay, 'Australia/Sydney')
      assert.deepEqual(localTime(found, 'Australia/Sydney'), wall)
    }
  })
})

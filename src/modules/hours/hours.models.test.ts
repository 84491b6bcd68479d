import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { localTime, speakClock } from '../../shared/local-time.ts'
import { buildSchedule, type HoursRow, statusAt } from './hours.models.ts'
import { answerHoursQuestion } from './hours-answer.models.ts'
import { understandHoursQuestion } from './hours-question.models.ts'

const row = (dayOfWeek: number, openTime: string, closeTime: string): HoursRow => ({
  dayOfWeek,
  openTime,
  closeTime,
  isClosed: false,
})
const closed = (dayOfWeek: number): HoursRow => ({ dayOfWeek, openTime: null, closeTime: null, isClosed: true })

// Sakura-like: closed Monday, split shifts Tuesday–Friday, Friday and Saturday close after midnight.
const RAMEN = buildSchedule([
  closed(1),
  ...[2, 3, 4].flatMap((day) => [row(day, '11:30', '14:30'), row(day, '17:00', '22:00')]),
  row(5, '11:30', '14:30'),
  row(5, '17:00', '01:00'),
  row(6, '12:00', '01:00'),
  row(0, '12:00', '21:00'),
])

const ask = (query: string, iso: string, timeZone = 'America/Los_Angeles', schedule = RAMEN) => {
  const now = localTime(new Date(iso), timeZone)
  return answerHoursQuestion({ schedule, question: understandHoursQuestion(query, now.weekday), now }).result
}

describe('speakable clock times', () => {
  it('says hours the way people do, with noon and midnight', () => {
    assert.deepEqual([0, 60, 690, 720, 750, 1320, 1440, 1500].map(speakClock), [
      'midnight',
      '1 AM',
      '11:30 AM',
      'noon',
      '12:30 PM',
      '10 PM',
      'midnight',
      '1 AM',
    ])
  })
})

describe('local time in a restaurant time zone', () => {
  it('follows daylight saving time in New York on both change dates', () => {
    // 2026-03-08: clocks go forward at 2 AM (UTC-5 → UTC-4); 2026-11-01: back at 2 AM (UTC-4 → UTC-5).
    assert.equal(localTime(new Date('2026-03-08T06:30:00Z'), 'America/New_York').minuteKey, '2026-03-08T01:30')
    assert.equal(localTime(new Date('2026-03-08T07:30:00Z'), 'America/New_York').minuteKey, '2026-03-08T03:30')
    assert.equal(localTime(new Date('2026-11-01T05:30:00Z'), 'America/New_York').minuteKey, '2026-11-01T01:30')
    assert.equal(localTime(new Date('2026-11-01T06:30:00Z'), 'America/New_York').minuteKey, '2026-11-01T01:30')
    assert.equal(localTime(new Date('2026-11-01T15:00:00Z'), 'America/New_York').minuteKey, '2026-11-01T10:00')
  })

  it('gives the same instant different weekdays in different zones', () => {
    const instant = new Date('2026-12-05T03:00:00Z')
    assert.equal(localTime(instant, 'Asia/Tokyo').weekday, 6)
    assert.equal(localTime(instant, 'America/Chicago').weekday, 5)
  })
})

describe('open or closed at a moment', () => {
  it('is closed between split shifts and names the next opening the same day', () => {
    assert.equal(
      ask('are you open now', '2026-12-02T23:00:00Z'),
      "We're closed right now; we open again later today at 5 PM.",
    )
  })

  it("counts the hour after midnight as the previous day's shift", () => {
    // Sunday 00:30 in San Francisco: still inside Saturday's noon–1 AM shift.
    assert.equal(ask('are you still open', '2026-12-06T08:30:00Z'), "We're open right now, but we close soon, at 1 AM.")
    // Sunday 01:30: that shift is over; Sunday opens at noon.
    assert.equal(
      ask('are you open', '2026-12-06T09:30:00Z'),
      "We're closed right now; we open again later today at noon.",
    )
  })

  it('also says when we close if that is what was asked while closed', () => {
    assert.equal(
      ask('what time do you close', '2026-12-02T23:00:00Z'),
      "We're closed right now; we open again later today at 5 PM and close at 10 PM.",
    )
  })

  it('skips a closed day when naming the next opening', () => {
    // Sunday 22:00: Monday is closed, so the next opening is Tuesday.
    assert.equal(
      ask('are you open', '2026-12-07T06:00:00Z'),
      "We're closed right now; we open again on Tuesday at 11:30 AM.",
    )
  })

  it('wraps from Saturday night into Sunday morning', () => {
    const schedule = buildSchedule([row(6, '18:00', '02:00'), row(0, '10:00', '14:00')])
    const now = localTime(new Date('2026-12-06T01:00:00Z'), 'UTC') // Sunday 01:00
    const status = statusAt(schedule, now)
    assert.equal(status.open, true)
    assert.equal(status.open && status.minutesLeft, 60)
    assert.equal(status.open && speakClock(status.closesAt), '2 AM')
  })

  it('merges shifts that touch into one opening', () => {
    const schedule = buildSchedule([row(2, '10:00', '14:00'), row(2, '14:00', '20:00')])
    const now = localTime(new Date('2026-12-01T11:00:00Z'), 'UTC') // Tuesday 11:00
    assert.equal(ask('are you open', now.date + 'T11:00:00Z', 'UTC', schedule), "We're open right now until 8 PM.")
  })

  it('is right on both sides of a daylight-saving change', () => {
    const brunch = buildSchedule([row(0, '10:00', '15:00')])
    // 14:30 UTC is 10:30 EDT after the spring change (open) and 9:30 EST after the autumn change (closed).
    assert.equal(
      ask('are you open right now', '2026-03-08T14:30:00Z', 'America/New_York', brunch),
      "We're open right now until 3 PM.",
    )
    assert.equal(
      ask('are you open right now', '2026-11-01T14:30:00Z', 'America/New_York', brunch),
      "We're closed right now; we open again later today at 10 AM.",
    )
  })
})

describe('answers about days', () => {
  const wednesday = '2026-12-02T20:00:00Z' // noon in San Francisco

  it('answers only the day asked about, including closed days', () => {
    assert.equal(
      ask('are you open on monday', wednesday),
      "On Monday we're closed; we open again on Tuesday at 11:30 AM.",
    )
    assert.equal(ask('how late are you open on saturday', wednesday), "On Saturday we're open from noon to 1 AM.")
    assert.equal(
      ask('hours on thurs?', wednesday),
      "Tomorrow, Thursday, we're open from 11:30 AM to 2:30 PM and from 5 PM to 10 PM.",
    )
  })

  it('understands speech slips and abbreviations in day names', () => {
    for (const query of ['are you open wensday', 'open on weds?', 'what about wednes day']) {
      assert.deepEqual(understandHoursQuestion(query, 0).days, [3], query)
    }
    assert.deepEqual(understandHoursQuestion('are you open tuseday', 0).days, [2])
    assert.deepEqual(understandHoursQuestion('what time do you open today', 4).days, [4])
  })

  it("answers tomorrow and the weekend from the caller's day", () => {
    assert.equal(
      ask('when do you open tomorrow', wednesday),
      "Tomorrow, Thursday, we're open from 11:30 AM to 2:30 PM and from 5 PM to 10 PM.",
    )
    assert.equal(
      ask('are you open this weekend', wednesday),
      "On Saturday we're open from noon to 1 AM. On Sunday we're open from noon to 9 PM.",
    )
  })

  it('answers lunch and dinner from the shifts that serve them', () => {
    assert.equal(
      ask('are you open for lunch on tuesday', wednesday),
      "Yes, on Tuesday we're open for lunch, from 11:30 AM to 2:30 PM. We're also open from 5 PM to 10 PM.",
    )
    assert.equal(
      ask('can I come for lunch on saturday', wednesday),
      "Yes, on Saturday we're open for lunch, from noon to 1 AM.",
    )
    const evenings = buildSchedule([row(3, '16:00', '22:00')])
    assert.equal(
      ask('are you open for lunch on wednesday', '2026-11-30T20:00:00Z', 'UTC', evenings),
      "On Wednesday we're not open for lunch: we open at 4 PM and close at 10 PM.",
    )
  })

  it('answers a question about a clock time', () => {
    assert.equal(
      ask('are you open at 3pm on tuesday', wednesday),
      "No, on Tuesday at 3 PM we're not open; that day we're open from 11:30 AM to 2:30 PM and from 5 PM to 10 PM.",
    )
    assert.equal(
      ask('open friday at 11:30 pm?', wednesday),
      "Yes, on Friday at 11:30 PM we're open; that day we're open from 11:30 AM to 2:30 PM and from 5 PM to 1 AM.",
    )
  })

  it('leads a question about today with whether we are open now', () => {
    assert.equal(
      ask('what time do you close tonight', '2026-12-05T02:00:00Z'),
      "We're open right now until 1 AM. Today, Friday, we're open from 11:30 AM to 2:30 PM and from 5 PM to 1 AM.",
    )
  })

  it('reads the whole week, grouped, only when asked generally', () => {
    assert.equal(
      ask('what are your hours', wednesday),
      "We're open right now until 2:30 PM. Our hours: Monday, closed; " +
        'Tuesday through Thursday, 11:30 AM to 2:30 PM and 5 PM to 10 PM; ' +
        'Friday, 11:30 AM to 2:30 PM and 5 PM to 1 AM; Saturday, noon to 1 AM; Sunday, noon to 9 PM.',
    )
  })

  it('says when there are no hours on file, and that holiday hours are unknown', () => {
    const none = answerHoursQuestion({
      schedule: buildSchedule([]),
      question: understandHoursQuestion('are you open', 1),
      now: localTime(new Date('2026-12-09T17:00:00Z'), 'UTC'),
    })
    assert.equal(none.unanswered, true)
    assert.match(ask('are you open on christmas', wednesday), /don't have special holiday hours on file/)
  })

  it('answers a word every object has as a key ("constructor") like any other word, not as a day', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const question = understandHoursQuestion(word, 3)
      assert.ok(question.kind !== 'days' || question.days.every((day) => Number.isInteger(day)), word)
    }
  })
})

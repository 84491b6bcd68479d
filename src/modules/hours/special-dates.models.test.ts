import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { localTime } from '../../shared/local-time.ts'
import { buildSchedule, type HoursRow, type SpecialDateRow } from './hours.models.ts'
import { answerHoursQuestion } from './hours-answer.models.ts'
import { understandHoursQuestion } from './hours-question.models.ts'
import { namedDate } from './named-dates.models.ts'

const open = (dayOfWeek: number, openTime: string, closeTime: string): HoursRow => ({
  dayOfWeek,
  openTime,
  closeTime,
  isClosed: false,
})
const special = (date: string, name: string | null, hours?: [string, string]): SpecialDateRow => ({
  date,
  name,
  openTime: hours?.[0] ?? null,
  closeTime: hours?.[1] ?? null,
  isClosed: !hours,
})

// Open every day 11–22, Sunday 12–21. Christmas Eve short, Christmas and Boxing Day closed,
// New Year's Eve open past midnight in two shifts.
const WEEK = [0, 1, 2, 3, 4, 5, 6].map((day) => (day === 0 ? open(0, '12:00', '21:00') : open(day, '11:00', '22:00')))
const SPECIALS = [
  special('2026-12-24', 'Christmas Eve', ['11:00', '16:00']),
  special('2026-12-25', 'Christmas Day'),
  special('2026-12-26', null),
  special('2026-12-31', "New Year's Eve", ['11:00', '15:00']),
  special('2026-12-31', "New Year's Eve", ['18:00', '02:00']),
]
const schedule = buildSchedule(WEEK, SPECIALS)
const ZONE = 'America/New_York'

const ask = (query: string, iso: string) => {
  const now = localTime(new Date(iso), ZONE)
  const question = understandHoursQuestion(query, now.weekday, {
    date: now.date,
    specials: [...schedule.specials.values()],
  })
  return answerHoursQuestion({ schedule, question, now })
}

describe('dates callers name', () => {
  const today = '2026-12-02' // a Wednesday
  it('resolves holidays, days of the month and this/next weekdays to the next such date', () => {
    const cases: [string, string][] = [
      ['are you open on christmas eve', '2026-12-24'],
      ['open christmas day?', '2026-12-25'],
      ["what about new year's eve", '2026-12-31'],
      ['new years day hours', '2027-01-01'],
      ['are you open on thanksgiving', '2027-11-25'],
      ['are you open on the 24th', '2026-12-24'],
      ['are you open on the 1st', '2027-01-01'],
      ['open december 28th?', '2026-12-28'],
      ['the 4th of january', '2027-01-04'],
      ['are you open this friday', '2026-12-04'],
      ['are you open next monday', '2026-12-07'],
      ['are you open next wednesday', '2026-12-09'],
      ['are you open this wednesday', '2026-12-02'],
      ['are you open the day before christmas', '2026-12-24'],
      ['what about the day after christmas', '2026-12-26'],
      ['the day after new years', '2027-01-02'],
      ['open the day before the 3rd?', '2026-12-02'],
      ['the day before this wednesday', '2026-12-08'],
    ]
    for (const [query, date] of cases) assert.equal(namedDate(query, today)?.date, date, query)
    assert.equal(namedDate('are you open tonight', today), undefined)
    assert.equal(namedDate('can I book for may', today), undefined)
    assert.equal(namedDate('are you open the day after tomorrow', today), undefined)
    assert.equal(namedDate('the day before christmas', today)?.name, 'Christmas Eve')
  })

  it("finds the restaurant's own special dates by their name", () => {
    const own = [{ date: '2027-03-10', name: 'Restaurant Week' }]
    assert.deepEqual(namedDate('are you open during restaurant week', today, own), {
      date: '2027-03-10',
      name: 'Restaurant Week',
      holiday: false,
    })
  })
})

describe('hours on special dates', () => {
  const december2 = '2026-12-02T17:00:00Z' // Wednesday noon in New York

  it('answers a holiday from its special hours, naming it', () => {
    const answer = ask('are you open on christmas eve', december2)
    assert.equal(answer.result, "On Thursday, December 24, Christmas Eve, we're open from 11 AM to 4 PM.")
    assert.notEqual(answer.unanswered, true)
  })

  it('says when we next open after a closed holiday, across the following special dates', () => {
    assert.equal(
      ask('are you open on christmas', december2).result,
      "On Friday, December 25, Christmas Day, we're closed; we open again on Sunday, December 27 at noon.",
    )
  })

  it('answers a day asked as the Nth or as this/next weekday from the same calendar', () => {
    assert.match(ask('are you open on the 26th', december2).result, /^On Saturday, December 26, we're closed; we open/)
    assert.equal(
      ask('what are your hours this friday', december2).result,
      "On Friday, December 4, we're open from 11 AM to 10 PM.",
    )
  })

  it('says open right now on a short day, and closed with the next opening after it ends', () => {
    assert.equal(ask('are you open now', '2026-12-24T20:00:00Z').result, "We're open right now until 4 PM.")
    assert.equal(
      ask('are you open now', '2026-12-24T22:00:00Z').result,
      "We're closed right now; we open again on Sunday at noon.",
    )
  })

  it('follows split special shifts past midnight', () => {
    // 1 AM on January 1: inside the New Year's Eve shift that runs until 2 AM.
    assert.equal(ask('are you still open', '2027-01-01T06:00:00Z').result, "We're open right now until 2 AM.")
    assert.equal(
      ask("are you open on new year's eve", december2).result,
      "On Thursday, December 31, New Year's Eve, we're open from 11 AM to 3 PM and from 6 PM to 2 AM.",
    )
  })

  it('gives regular hours for a holiday without special hours, saying so and recording it', () => {
    const answer = ask('are you open on thanksgiving', december2)
    assert.match(answer.result, /^On Thursday, November 25, we're open from 11 AM to 10 PM\./)
    assert.match(answer.result, /don't have special hours on file for Thanksgiving/)
    assert.equal(answer.unanswered, true)
  })

  it('mentions the special dates coming up when asked for the hours in general', () => {
    assert.match(
      ask('what are your hours', '2026-12-20T17:00:00Z').result,
      /Coming up: Thursday, December 24, Christmas Eve, we're open from 11 AM to 4 PM; Friday, December 25/,
    )
  })
})

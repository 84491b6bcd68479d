// The restaurant's wall clock in the browser: "back at" times are shown and entered in its time
// zone, whatever the owner's phone is set to. When "sold out tonight" ends comes from the server
// (GET …/open-status), which computes openings with the assistant's own schedule code.

/** The wall clock of `timeZone` at `instant`, read as if it were UTC (milliseconds). */
function wallClock(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
}

/** The instant when the wall clock in `timeZone` shows `date` `time` ("2026-12-24", "11:30"). */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${time}:00Z`)
  // The zone's offset, read back from Intl; twice, in case the first guess is across a DST change.
  let instant = wanted
  for (let pass = 0; pass < 2; pass++) instant = wanted - (wallClock(new Date(instant), timeZone) - instant)
  return new Date(instant)
}

/** "Tue, Dec 1, 11:30 AM" in the restaurant's time zone. */
export function formatBackAt(iso: string, timeZone: string) {
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  })
}

/** An instant as the value of a datetime-local field showing the restaurant's wall clock. */
export const toLocalInputValue = (iso: string, timeZone: string) =>
  new Date(wallClock(new Date(iso), timeZone)).toISOString().slice(0, 16)

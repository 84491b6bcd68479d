/**
 * A digit as people say it when reading out a number or a code ("oh" and "nought" for zero). A Map:
 * looked up with any word a caller says, so "constructor" must not find Object's.
 */
export const SPOKEN_DIGITS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    zero: '0',
    oh: '0',
    o: '0',
    nought: '0',
    one: '1',
    two: '2',
    three: '3',
    four: '4',
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
  }),
)

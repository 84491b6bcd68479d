import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type EvalQuestion, namedIn, parseQuestions, scoreAnswer, toRegExp } from './eval.models.ts'

const restaurant = {
  menu_items: ['Creme Brulee', 'Tarte Tatin', 'Chocolate Mousse', 'Coq au Vin', 'Tonkotsu Ramen', 'Ramen', 'Gyoza'].map(
    (name) => ({ name }),
  ),
  modifiers: [{ name: 'Extra Gruyere' }],
  delivery_zones: ['Chelsea', 'Greenwich Village', 'Lower East Side'].map((zone_name) => ({ zone_name })),
}
const score = (question: Partial<EvalQuestion>, result: string) =>
  scoreAnswer({ question: { restaurant: 'r', tool: 'get_menu_info', query: 'q', ...question }, result, restaurant })

describe('evaluation scorer', () => {
  it('parses one question a line and names the line of a broken one', () => {
    assert.deepEqual(parseQuestions('{"restaurant":"a","tool":"get_menu_info","query":"x"}\n\n'), [
      { restaurant: 'a', tool: 'get_menu_info', query: 'x' },
    ])
    assert.throws(() => parseQuestions('{"restaurant":"a","tool":"t","query":"x"}\n{oops'), /line 2/)
  })

  it('matches names ignoring case, accents and punctuation, as whole words', () => {
    assert.equal(score({ expect_all: ['Creme Brulee'] }, 'The crème brûlée is $8.99.').pass, true)
    assert.equal(score({ expect_all: ['Coq au Vin'] }, 'Yes, the COQ-AU-VIN!').pass, true)
    assert.equal(score({ expect_all: ['Gyoza'] }, 'We have gyozas').pass, false)
  })

  it('needs every expect_all name and one expect_any name', () => {
    assert.deepEqual(score({ expect_all: ['Tarte Tatin', 'Coq au Vin'] }, 'Tarte Tatin').failures, [
      'does not name Coq au Vin',
    ])
    assert.equal(score({ expect_any: ['Tarte Tatin', 'Chocolate Mousse'] }, 'Chocolate Mousse ($8.50)').pass, true)
    assert.equal(score({ expect_any: ['Tarte Tatin'] }, 'nothing').pass, false)
  })

  it('reads (?i) as the ignore-case flag in expect_text and expect_text_any', () => {
    assert.deepEqual(toRegExp('(?i)11:30\\s*(pm|p\\.m\\.)'), /11:30\s*(pm|p\.m\.)/i)
    assert.equal(
      score(
        { tool: 'get_hours_info', expect_text: ['(?i)friday'], expect_text_any: ['(?i)11:30\\s*pm', '23:30'] },
        'On FRIDAY we close at 11:30 PM.',
      ).pass,
      true,
    )
    assert.equal(score({ tool: 'get_hours_info', expect_text: ['friday'] }, 'On Friday').pass, false)
  })

  it('wants a negative word and at most three alternatives when the thing is absent', () => {
    assert.equal(score({ expect_absent: true }, "Sorry, we don't have lobster. You might like Coq au Vin.").pass, true)
    assert.deepEqual(score({ expect_absent: true }, 'We have Coq au Vin.').failures, [
      'does not say the thing is not on offer',
    ])
    assert.deepEqual(
      score({ expect_absent: true }, 'No lobster, but Coq au Vin, Gyoza, Tarte Tatin or Creme Brulee').failures,
      ['suggests 4 alternatives (at most 3)'],
    )
  })

  it('fails a menu answer that names more than five items, counting a longer name once', () => {
    assert.deepEqual(
      namedIn(
        'Tonkotsu Ramen and Gyoza',
        restaurant.menu_items.map((i) => i.name),
      ).sort(),
      ['Gyoza', 'Tonkotsu Ramen'],
    )
    const six = 'Creme Brulee, Tarte Tatin, Chocolate Mousse, Coq au Vin, Gyoza and Tonkotsu Ramen'
    assert.deepEqual(score({}, six).failures, ['names 6 items (at most 5)'])
    assert.equal(score({ tool: 'get_zones_info' }, six).pass, true)
  })

  it('limits the weekdays and zones an answer names', () => {
    assert.equal(score({ tool: 'get_hours_info', max_days: 1 }, 'Open Monday and Tuesday').pass, false)
    assert.equal(score({ tool: 'get_zones_info', max_zones: 1 }, 'We deliver to Chelsea for $5.').pass, true)
    assert.equal(score({ tool: 'get_zones_info', max_zones: 1 }, 'Chelsea and Greenwich Village').pass, false)
  })
})

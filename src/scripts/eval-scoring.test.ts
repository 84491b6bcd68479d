import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mentions, scoreAnswer, toRegExp } from './eval-scoring.ts'

const names = { menu: ['Margherita', 'Crème Brûlée'], modifiers: [], zones: ['Chelsea', 'Lower East Side', 'SoHo', 'Tribeca'] }

describe('scoring evaluation answers', () => {
  it('turns Python inline flags into JavaScript flags', () => {
    assert.equal(toRegExp('(?i)11:30\\s*pm').test('closes at 11:30 PM'), true)
    assert.equal(toRegExp('11:30\\s*pm').test('closes at 11:30 PM'), false)
  })

  it('matches names ignoring case, accents and punctuation, as whole words', () => {
    assert.equal(mentions('we have creme brulee!', 'Crème Brûlée'), true)
    assert.equal(mentions('Chelseas', 'Chelsea'), false)
  })

  it('fails answers that name too many weekdays or zones, and passes focused ones', () => {
    const q = { restaurant: 'x', tool: 'get_hours_info', query: 'monday?', expect_text: ['(?i)monday'], max_days: 1 }
    assert.deepEqual(scoreAnswer(q, "On Monday we're closed.", names), { pass: true, problems: [] })
    assert.equal(scoreAnswer(q, 'Monday closed, Tuesday open', names).pass, false)
    const z = { restaurant: 'x', tool: 'get_zones_info', query: 'chelsea?', expect_all: ['Chelsea'], max_zones: 1 }
    assert.equal(scoreAnswer(z, 'We deliver to Chelsea and SoHo.', names).pass, false)
  })

  it('requires a clear no and at most three alternatives for things not on offer', () => {
    const q = { restaurant: 'x', tool: 'get_zones_info', query: '60601?', expect_absent: true }
    assert.equal(scoreAnswer(q, "Sorry, we don't deliver there. Try Chelsea.", names).pass, true)
    assert.equal(scoreAnswer(q, 'We deliver to Chelsea.', names).pass, false)
    assert.equal(scoreAnswer(q, 'No: Chelsea, SoHo, Tribeca and Lower East Side.', names).pass, false)
  })
})

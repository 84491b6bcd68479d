import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { clip, maskPhone, readNumber, readTime } from './call-fields.models.ts'
import { normalizeQuestion } from './tool-invocations.models.ts'

describe('question normalisation', () => {
  it('groups wordings that differ only in case, punctuation, accents and filler', () => {
    const same = [
      'Do you have gluten-free pasta?',
      'um, do you have GLUTEN FREE pasta',
      'So... do you have, uh, gluten free pasta please!!',
      '  Do you have glutén free pasta  ',
    ]
    assert.deepEqual(new Set(same.map(normalizeQuestion)), new Set(['do you have gluten free pasta']))
  })

  it('keeps words that are filler only at the start when they occur later', () => {
    assert.equal(normalizeQuestion('Well, is the steak well done?'), 'is the steak well done')
    assert.equal(normalizeQuestion("What's the soup?"), 'whats the soup')
  })
})

describe('payload field readers', () => {
  it('clips long strings with an ellipsis without splitting a surrogate pair', () => {
    assert.equal(clip('abcdef', 4), 'abc…')
    assert.equal(clip('ab😀cd', 4), 'ab…')
    assert.equal(clip('a\u0000b', 10), 'ab')
  })

  it('reads numbers and times leniently and turns anything odd into null', () => {
    assert.equal(readNumber('12.5', { min: 0, max: 100 }), 12.5)
    assert.equal(readNumber(Infinity, { min: 0, max: 100 }), null)
    assert.equal(readNumber(-1, { min: 0, max: 100 }), null)
    assert.equal(readTime(Date.UTC(2025, 0, 1))?.toISOString(), '2025-01-01T00:00:00.000Z')
    assert.equal(readTime('2025-01-01T00:00:00Z')?.toISOString(), '2025-01-01T00:00:00.000Z')
    assert.equal(readTime(12), null)
    assert.equal(readTime({}), null)
  })

  it('masks caller numbers for logs', () => {
    assert.equal(maskPhone('+14155550123'), '+1415•••0123')
    assert.equal(maskPhone('123'), '•••')
    assert.equal(maskPhone(null), null)
  })
})

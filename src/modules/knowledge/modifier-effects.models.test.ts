import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { askOptions, KOREAN_OPTIONS, namesIn } from './menu-fixtures.test-utils.ts'
import { optionsByEffect } from './modifier-effects.models.ts'

const named = (query: string) => namesIn(askOptions(query).result, KOREAN_OPTIONS)

describe('options asked for by what they do', () => {
  it('finds the option that does it, by its name or description', () => {
    assert.deepEqual(named("I can't have caffeine"), ['Swap to Decaf'])
    assert.deepEqual(named('can you make it stronger'), ['Double Shot'])
    assert.deepEqual(named('more heat please'), ['Extra Gochujang'])
    assert.deepEqual(named('can it be less spicy'), ['Mild Sauce'])
    assert.deepEqual(named('can you make it sweeter'), ['Vanilla Syrup'])
  })

  it('leaves out an option that does the opposite though it shares a word', () => {
    // "Decaffeinated espresso" mentions espresso, "instead of the chili sauce" mentions chili.
    assert.ok(!named('make my coffee stronger').includes('Swap to Decaf'))
    assert.ok(!named('spicier').includes('Mild Sauce'))
  })

  it('is not an effect question when no effect is asked for', () => {
    assert.equal(optionsByEffect('can I add a fried egg', []), null)
    assert.deepEqual(optionsByEffect('no caffeine', [{ name: 'Oat Milk', description: null }]), [])
  })

  it('says an option is missing in its own few words, not the caller’s sentence', () => {
    const answer = askOptions('can you make my latte extra foamy please').result
    assert.match(answer, /^Sorry, we don't have extra foamy as an option\./)
    assert.doesNotMatch(answer, /latte|please/)
  })
})

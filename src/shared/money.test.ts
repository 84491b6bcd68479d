import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { speakMoney, speakPrice } from './money.ts'

describe('prices as they are said', () => {
  it('says menu prices the way people do, in dollars by default', () => {
    const said = [12.99, 14, 14.5, 0.75, 0, 1200].map((amount) => speakPrice(amount))
    assert.deepEqual(said, ['$12.99', '$14', '$14.50', '75 cents', 'free', '$1,200'])
  })

  it("says them in the restaurant's currency, with its own decimals", () => {
    assert.equal(speakPrice(9.5, 'EUR'), '€9.50')
    assert.equal(speakPrice(14, 'GBP'), '£14')
    assert.equal(speakPrice(0.6, 'EUR'), '€0.60')
    assert.equal(speakPrice(1200, 'JPY'), '¥1,200')
    assert.equal(speakPrice(145, 'SEK'), 'SEK 145')
  })

  it('says an amount in integer cents to the cent, in any currency', () => {
    assert.equal(speakMoney(1600), '$16.00')
    assert.equal(speakMoney(1650, 'EUR'), '€16.50')
    assert.equal(speakMoney(120_000, 'JPY'), '¥1,200')
  })
})

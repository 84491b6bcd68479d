import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { askMenu, row } from './menu-fixtures.test-utils.ts'
import { dishTemperature } from './menu-frames.models.ts'
import { spellingKey, spellingKeySimilarity } from './spelling-key.models.ts'

// Answers that need word knowledge (WordNet, word vectors, a spelling key across languages), on a
// small Polish menu: each case can fail if the knowledge or its guard is removed.

const POLISH_MENU = [
  row('Pierogi Ruskie', { category: 'Pierogi', price: 14, description: 'Dumplings with potato and cheese' }),
  row('Barszcz', { category: 'Soups', price: 8, description: 'Clear beetroot broth with small dumplings' }),
  row('Bigos', { category: 'Mains', price: 17, description: "Hunter's stew of sauerkraut and pork" }),
  row('Kotlet Schabowy', { category: 'Mains', price: 19, description: 'Breaded pork cutlet with cucumber salad' }),
  row('Kompot', { category: 'Drinks', price: 4, description: 'Chilled drink of stewed apples' }),
]
const say = (query: string) => askMenu(query, POLISH_MENU).result

describe('a spelling key across languages', () => {
  it('folds the letters each language writes for one sound', () => {
    assert.equal(spellingKey('pierogi'), spellingKey('pirogi'))
    assert.equal(spellingKey('falafel'), spellingKey('felafel'))
    assert.ok(spellingKeySimilarity('borscht', 'barszcz') >= 0.75)
  })

  it('offers the dish under its own name, never denies it, when the kind agrees', () => {
    const answer = say('do you have borscht')
    assert.match(answer, /Barszcz, \$8/)
    assert.doesNotMatch(answer, /don't have/)
  })

  it('does not take a near key alone for the dish: "bagels" is not Bigos', () => {
    assert.doesNotMatch(say('do you have bagels'), /^Closest on our menu: Bigos/)
  })
})

describe('warm or cold for the weather', () => {
  it('reads the weather as the circumstance and wants its opposite', () => {
    assert.equal(dishTemperature('anything warm for a cold night').temperature, 'hot')
    assert.equal(dishTemperature('something hot and hearty for a freezing day').temperature, 'hot')
    assert.equal(dishTemperature('what is good on an icy evening').temperature, 'hot')
    assert.equal(dishTemperature('something cold for a sweltering day').temperature, 'cold')
    // "Hot" alone is spice, not temperature.
    assert.equal(dishTemperature('something hot').temperature, null)
  })

  it('lists what is served warm by what the dish is (soup, stew), not a side it comes with', () => {
    const answer = say('something hot and hearty for a freezing day')
    assert.match(answer, /Barszcz/)
    assert.match(answer, /Bigos/)
    assert.doesNotMatch(answer, /Kotlet|Kompot|freezing day/)
    assert.match(say('something cold for a hot day'), /Kompot/)
    assert.doesNotMatch(say('something cold for a hot day'), /Kotlet/)
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { askMenu } from './menu-fixtures.test-utils.ts'
import { findMentions, resolveMention, soundsLikeForm } from './menu-mentions.models.ts'

const NAMES = [
  'Beef Bulgogi',
  'Bibimbap',
  'Kimchi Jjigae',
  'Japchae',
  'Tteokbokki',
  'Mandu',
  'Pad Kra Pao',
  'Pad Woon Sen',
]
const resolved = (query: string) => resolveMention(query, NAMES)?.indexes.map((i) => NAMES[i])

describe('mention resolution against the restaurant’s own names', () => {
  it('hears a name split or joined differently by speech recognition', () => {
    assert.deepEqual(resolved('bibim bap please'), ['Bibimbap'])
    assert.deepEqual(resolved('jap chay'), ['Japchae'])
    assert.deepEqual(resolved('kim chee jigae'), ['Kimchi Jjigae'])
    assert.deepEqual(resolved('dok bo kee'), ['Tteokbokki'])
    assert.deepEqual(resolved('pad kra pow'), ['Pad Kra Pao'])
  })

  it('resolves the distinctive part of a name, but not a part several dishes share', () => {
    assert.deepEqual(resolved('do you have bull go gee'), ['Beef Bulgogi'])
    assert.equal(resolveMention('the pad', NAMES), null)
  })

  it('does not take a general concept for one dish, nor a category for a dish', () => {
    assert.equal(resolveMention('what pork do you have', ['Pork Belly', 'Tofu Stew']), null)
    assert.equal(resolveMention('which cakes', ['Carrot Cake', 'Brownie'], ['Cakes', 'Cakes']), null)
  })

  it('finds nothing for dishes the menu does not have', () => {
    for (const query of ['do you have burritos', 'do you have sushi', 'any tamales']) {
      assert.deepEqual(findMentions(query, NAMES), [], query)
    }
  })

  it('names the same dish whatever order the search gave the names in, whatever a caller did with an answer', () => {
    // Each name's forms are kept across questions, and a question's mentions across one answer:
    // the index must still be the name's place in this list.
    const said = (names: string[]) => names[findMentions('the kimchi jjigae please', names)[0]!.index]
    assert.equal(said(NAMES), 'Kimchi Jjigae')
    assert.equal(said([...NAMES].reverse()), 'Kimchi Jjigae')
    const first = findMentions('japchae and mandu', NAMES)
    first.length = 0
    assert.deepEqual(
      findMentions('japchae and mandu', NAMES)
        .filter((m) => m.full)
        .map((m) => NAMES[m.index]),
      ['Japchae', 'Mandu'],
    )
  })

  it('needs closer spelling when the sounds-alike key is short', () => {
    const form = (text: string) => ({ text, keys: [] as string[] })
    assert.equal(soundsLikeForm('tonkotsu', form('tonkotsu')), 1)
    assert.ok(soundsLikeForm('pastichio', { text: 'pastitsio', keys: ['PSTTS'] }) > 0)
    assert.equal(soundsLikeForm('fog', form('pho')), 0)
  })

  it('answers a dish asked for by sound with that dish alone', () => {
    assert.equal(
      askMenu('how much is the man do').result,
      'The Mandu is $9: pan-fried pork and cabbage dumplings. Allergens: wheat and soy.',
    )
  })
})

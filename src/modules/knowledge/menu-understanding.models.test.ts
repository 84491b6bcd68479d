import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { askMenu, KOREAN_MENU, namesIn, row } from './menu-fixtures.test-utils.ts'
import { speakableDescription } from './speech.models.ts'

const say = (query: string) => askMenu(query).result
const named = (query: string) => namesIn(say(query), KOREAN_MENU)

describe('a question about a dish’s property is answered from its record', () => {
  it('answers a diet from the dietary tags, yes or not marked, and never as a missing dish', () => {
    assert.match(
      say('is the japchae gluten free'),
      /^Yes, the Japchae \(\$14\) is gluten-free: sweet potato glass noodles/,
    )
    const notMarked = say('is the mandu vegan')
    assert.match(notMarked, /^The Mandu \(\$9\) is not marked vegan on our menu, so I can't promise it is\./)
    assert.doesNotMatch(notMarked, /don't have/)
  })

  it('says no when the allergens recorded contradict the diet asked for', () => {
    assert.equal(
      say('is the hotteok nut free'),
      'No, the Hotteok ($6) is not marked nut-free: its allergens include tree nuts.',
    )
  })

  it('answers an ingredient from allergens and description, and quotes the allergens', () => {
    assert.match(
      say('does the bibimbap have egg'),
      /^Yes, the Bibimbap \(\$16\) has egg: .*Its allergens include egg\.$/,
    )
    assert.match(say('does the bulgogi come with rice'), /^Yes, the Beef Bulgogi \(\$18\) comes with rice: /)
  })

  it('says when the record is silent instead of guessing, and never calls a dish safe', () => {
    const peanuts = say('does the japchae have peanuts')
    assert.match(peanuts, /doesn't list peanuts among its allergens or in its description/)
    assert.match(peanuts, /check with the kitchen/)
    assert.doesNotMatch(peanuts, /\bsafe\b|\bfree of\b/)
    assert.match(say('does the mandu come with rice'), /^The menu doesn't mention rice for the Mandu \(\$9\)/)
  })

  it('answers spice from the description: spicy, mild, or not recorded', () => {
    assert.match(say('is the tteokbokki spicy'), /^Yes, the Tteokbokki \(\$12\) is spicy/)
    assert.match(say('is the mandu spicy'), /^The menu doesn't say how spicy the Mandu \(\$9\) is/)
  })
})

describe('lists under constraints name only what satisfies them', () => {
  it('keeps a price ceiling said in words, at most five names', () => {
    const answer = say('anything under ten dollars')
    const names = namesIn(answer, KOREAN_MENU)
    assert.ok(names.length > 0 && names.length <= 5, answer)
    for (const name of names) {
      const price = KOREAN_MENU.find((r) => r.title === name)!.metadata.price as number
      assert.ok(price <= 10, `${name} costs ${price}`)
    }
    assert.match(answer, /^We have 6 options at \$10 or less, including .*Would you like to hear more\?$/)
  })

  it('takes spice as a property of the dish alongside other constraints, never a drink called hot', () => {
    assert.deepEqual(named('anything spicy under fifteen dollars'), ['Kimchi Jjigae', 'Tteokbokki'])
  })

  it('tells hot drinks from cold ones', () => {
    assert.deepEqual(named('something hot to drink'), ['Barley Tea'])
    assert.deepEqual(named('a cold drink please'), ['Iced Citron Tea', 'Banana Milk'])
  })

  it('excludes a kind of dish and an ingredient', () => {
    assert.deepEqual(named('vegan but not a drink'), ['Japchae', 'Tteokbokki'])
    assert.deepEqual(named("which small plates don't have pork"), ['Tteokbokki'])
  })

  it('for an allergen-based diet nobody tagged, lists what does not record the allergen, said as such', () => {
    const answer = say('which desserts are dairy free')
    assert.equal(
      answer,
      "Nothing there is marked dairy-free, but Hotteok ($6) doesn't list dairy among the allergens. " +
        'Please mention any allergy when you order; the kitchen can confirm.',
    )
  })

  it('says so when nothing satisfies the constraints', () => {
    assert.match(say('anything under two dollars'), /^Sorry, we don't have any options at \$2 or less\./)
  })
})

describe('absent dishes', () => {
  it('never says yes to a dish the menu does not have, and suggests at most three', () => {
    for (const query of [
      'do you have sushi',
      'do you have kimchi fried rice',
      'can I get a burrito',
      'lobster rolls?',
    ]) {
      const answer = say(query)
      assert.match(answer, /^Sorry, we don't have /, query)
      assert.ok(namesIn(answer, KOREAN_MENU).length <= 3, answer)
    }
  })

  it('holds the relevance floor on words that only look or sound alike, or a dish made of an ingredient', () => {
    const menu = [
      row('Mango Sticky Rice', { description: 'Sweet coconut sticky rice with mango', price: 8 }),
      row('Karaage', { description: 'Fried chicken thighs with lemon', price: 9 }),
      row('Village Salad', { description: 'Tomato, cucumber, red onion and feta', price: 12 }),
    ]
    for (const query of ['do you have a steak', 'do you have lemonade', 'do you have onion rings']) {
      assert.match(askMenu(query, menu).result, /^Sorry, we don't have /, query)
    }
  })

  it('names what is missing in a few words, never the caller’s whole sentence', () => {
    assert.match(say('do you guys have tamales'), /^Sorry, we don't have tamales on the menu\./)
    assert.match(say('um so do you do a fish and chips'), /^Sorry, we don't have a fish and chips on the menu\./)
  })
})

describe('descriptions read as part of a sentence', () => {
  it('lowers an ordinary first word, a number or an article, but keeps names and nationalities', () => {
    assert.equal(speakableDescription('Six Burgundy snails baked in garlic'), 'six Burgundy snails baked in garlic')
    assert.equal(speakableDescription('A pump of vanilla'), 'a pump of vanilla')
    assert.equal(speakableDescription('Glass of house red'), 'glass of house red')
    assert.equal(speakableDescription('Japanese fried chicken thighs'), 'Japanese fried chicken thighs')
    assert.equal(speakableDescription('San Marzano tomatoes'), 'San Marzano tomatoes')
  })
})

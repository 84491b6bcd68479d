import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { SearchRow } from './knowledge.repository.ts'
import { composeAnswer, subjectOf } from './menu-answers.models.ts'

let next = 0
function row(name: string, fields: Record<string, unknown> = {}): SearchRow {
  const position = next++
  const metadata = {
    name,
    description: null,
    price: 10,
    category: null,
    available: true,
    dietary: [],
    allergens: [],
    position,
    ...fields,
  }
  return {
    sourceId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    title: name,
    content: name,
    metadata,
    vectorScore: 0,
    textScore: 0,
    nameScore: 0,
  }
}
const ask = (query: string, rows: SearchRow[], kind: 'menu' | 'modifiers' = 'menu') =>
  composeAnswer({ query, rows, kind, mode: 'hybrid', currency: 'USD' })

const desserts = [
  'Creme Brulee',
  'Tarte Tatin',
  'Chocolate Mousse',
  'Lemon Tart',
  'Cheesecake',
  'Apple Pie',
  'Panna Cotta',
].map((name) => row(name, { category: 'Desserts', price: 8.5, dietary: ['vegetarian'] }))

describe('menu and modifier answers', () => {
  it('describes one item with its price, description, dietary tags and allergens on one line', () => {
    const answer = ask('do you have the bouillabaisse', [
      row('Bouillabaisse', {
        price: 32.5,
        description: 'Provencal fish and shellfish stew.\nWith rouille',
        dietary: ['gluten-free'],
        allergens: ['shellfish', 'fish'],
      }),
      row('Steak Frites', { price: 29 }),
    ])
    assert.equal(
      answer.result,
      'Yes, the Bouillabaisse is $32.50: Provencal fish and shellfish stew. With rouille. It is gluten-free. ' +
        'Allergens: shellfish and fish.',
    )
    assert.equal(answer.unanswered, undefined)
    assert.deepEqual(answer.metadata.items, [
      {
        id: '00000000-0000-4000-8000-000000000007',
        name: 'Bouillabaisse',
        price: 32.5,
        available: true,
        category: null,
        dietary: ['gluten-free'],
        allergens: ['shellfish', 'fish'],
      },
    ])
  })

  it('says when an item is not available', () => {
    const answer = ask('how much is the duck confit', [row('Duck Confit', { price: 28.75, available: false })])
    assert.match(answer.result, /^The Duck Confit \(\$28\.75\) is on the menu but not available right now/)
  })

  it('names at most five items of a long category and offers the rest', () => {
    const answer = ask('what desserts do you have', desserts)
    assert.match(
      answer.result,
      new RegExp(
        String.raw`^We have 7 options, including Creme Brulee \(\$8\.50, vegetarian\), Tarte Tatin .* ` +
          String.raw`and Cheesecake \(\$8\.50, vegetarian\)\. Would you like to hear more\?$`,
      ),
    )
    assert.equal((answer.metadata.items as unknown[]).length, 5)
    assert.doesNotMatch(answer.result, /Apple Pie|Panna Cotta/)
  })

  it('answers dietary questions from the recorded tags, not from descriptions', () => {
    const rows = [
      row('Garden Salad', { description: 'Not vegan: comes with egg', dietary: ['vegetarian'] }),
      row('Lentil Soup', { dietary: ['vegan', 'gluten-free'] }),
    ]
    assert.match(
      ask('what vegan dishes do you have', rows).result,
      /^(Yes, the|The) Lentil Soup is \$10\. It is vegan and gluten-free\.$/,
    )
    assert.match(ask('anything vegetarian', rows).result, /Garden Salad .*Lentil Soup/)
    const none = ask('anything halal', [...rows, row('Kebab', { dietary: ['Halal'] })])
    assert.match(none.result, /Kebab/)
  })

  it('lists what records an allergen and never calls a dish safe', () => {
    const rows = [
      row('Pad Thai', { allergens: ['peanuts', 'egg'] }),
      row('Green Curry', { allergens: [] }),
      row('Satay', { allergens: ['peanuts'] }),
    ]
    const contains = ask("I'm allergic to peanuts, which dishes should I avoid", rows)
    assert.match(contains.result, /^Pad Thai \(\$10\) and Satay \(\$10\) list peanuts as an allergen\./)
    const freeOf = ask('I have a peanut allergy, what can I eat', rows)
    assert.match(freeOf.result, /don't list peanut among their allergens: Green Curry/)
    for (const answer of [contains, freeOf]) assert.doesNotMatch(answer.result, /\bsafe\b/i)
  })

  it('says sorry, suggests at most three related items, and marks the question unanswered', () => {
    const rows = [
      row('Bouillabaisse', { description: 'Fish and shellfish stew' }),
      row('Salade Nicoise', { description: 'Seared tuna and olives' }),
      row('Grilled Salmon'),
      row('Shrimp Cocktail'),
      row('Steak Frites'),
    ]
    const answer = ask('do you have lobster', rows)
    assert.match(answer.result, /^Sorry, we don't have lobster on the menu\. You might like /)
    assert.equal(answer.unanswered, true)
    assert.ok((answer.metadata.items as unknown[]).length <= 3)
    assert.doesNotMatch(answer.result, /Steak Frites/)
  })

  it('phrases modifiers as options, free ones at no extra charge', () => {
    const rows = [
      row('Steak Temperature', { description: 'Rare, medium rare, medium or well done', price: 0 }),
      row('Extra Gruyere', { price: 2.5 }),
    ]
    assert.equal(
      ask('can I have my steak medium rare', rows, 'modifiers').result,
      'Yes, we offer Steak Temperature at no extra charge: rare, medium rare, medium or well done.',
    )
    assert.match(ask('can I add truffles', rows, 'modifiers').result, /^Sorry, we don't have truffles as an option\./)
  })

  it('keeps the thing asked for, with its article, when saying it is missing', () => {
    assert.equal(subjectOf('do you have a cheeseburger'), 'a cheeseburger')
    assert.equal(subjectOf('Do you have lobster?'), 'lobster')
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { menuItemsFromCsv } from '../../web/src/menu/menu-csv.ts'

describe("the dashboard's CSV menu reader", () => {
  it('reads a spreadsheet export: headers in any case, currency signs, quoted commas, yes/no, tags', () => {
    const csv =
      '\uFEFFName,Price,Category,Description,Available,Dietary,Allergens\r\n' +
      'Spicy Miso Ramen,$15.00,Ramen,"Miso broth, chili oil, egg",yes,,"wheat; egg; soy"\r\n' +
      'Edamame, 5 ,Starters,,no,"vegan, gluten-free",soy\r\n' +
      ',,,,,,\r\n'
    assert.deepEqual(menuItemsFromCsv(csv), [
      {
        name: 'Spicy Miso Ramen',
        price: 15,
        category: 'Ramen',
        description: 'Miso broth, chili oil, egg',
        available: true,
        allergens: ['wheat', 'egg', 'soy'],
      },
      {
        name: 'Edamame',
        price: 5,
        category: 'Starters',
        available: false,
        dietary: ['vegan', 'gluten-free'],
        allergens: ['soy'],
      },
    ])
  })

  it('takes common other names for the columns, and needs only Name and Price', () => {
    assert.deepEqual(menuItemsFromCsv('Dish;Cost\nGyoza;7.5\n'), [{ name: 'Gyoza', price: 7.5 }])
    assert.deepEqual(menuItemsFromCsv('item,cost,section\nTea,2.999,Drinks\n'), [
      { name: 'Tea', price: 3, category: 'Drinks' },
    ])
  })

  it('refuses what it cannot read, naming the row, so that no half-read menu replaces a whole one', () => {
    assert.throws(() => menuItemsFromCsv('Dish,Notes\nGyoza,tasty\n'), /at least "Name" and "Price"/)
    assert.throws(() => menuItemsFromCsv('Name,Price\n'), /no dishes/)
    assert.throws(
      () => menuItemsFromCsv('Name,Price\nRamen,14\nGyoza,abc\n'),
      /^Error: Row 3 \(Gyoza\): "abc" is not a price\.$/,
    )
    assert.throws(() => menuItemsFromCsv('Name,Price\nRamen,-1\n'), /Row 2 \(Ramen\): "-1" is not a price/)
    assert.throws(() => menuItemsFromCsv('Name,Price\n,4\n'), /Row 2: the name is empty/)
    assert.throws(() => menuItemsFromCsv('Name,Price,Available\nRamen,4,maybe\n'), /write yes or no/)
    assert.throws(() => menuItemsFromCsv('Name,Price\nRamen,"4\n'), /cannot be read: Quoted field unterminated/)
  })
})

import type { SearchRow } from './knowledge.repository.ts'
import { composeAnswer } from './menu-answers.models.ts'

// A small fictional Korean kitchen, written for the unit tests of menu understanding (not taken
// from any evaluation set), and search rows as the repository returns them.

let next = 0
export function row(name: string, fields: Record<string, unknown> = {}): SearchRow {
  const position = next++
  return {
    sourceId: `00000000-0000-4000-9000-${String(position).padStart(12, '0')}`,
    title: name,
    content: name,
    metadata: {
      name,
      description: null,
      price: 10,
      category: null,
      available: true,
      dietary: [],
      allergens: [],
      position,
      ...fields,
    },
    vectorScore: 0,
    textScore: 0,
    nameScore: 0,
  }
}

export const KOREAN_MENU = [
  row('Beef Bulgogi', {
    description: 'Marinated grilled beef with sesame and scallions, served with steamed rice',
    price: 18,
    category: 'Mains',
    allergens: ['soy', 'sesame'],
  }),
  row('Bibimbap', {
    description: 'Rice bowl with vegetables, gochujang and a fried egg',
    price: 16,
    category: 'Mains',
    dietary: ['vegetarian'],
    allergens: ['egg', 'soy'],
  }),
  row('Kimchi Jjigae', {
    description: 'Spicy kimchi stew with pork and tofu',
    price: 15,
    category: 'Soups',
    allergens: ['soy'],
  }),
  row('Japchae', {
    description: 'Sweet potato glass noodles with spinach and mushrooms',
    price: 14,
    category: 'Noodles',
    dietary: ['vegan', 'gluten-free'],
  }),
  row('Tteokbokki', {
    description: 'Chewy rice cakes in a hot chili sauce',
    price: 12,
    category: 'Small Plates',
    dietary: ['vegan'],
  }),
  row('Mandu', {
    description: 'Pan-fried pork and cabbage dumplings',
    price: 9,
    category: 'Small Plates',
    allergens: ['wheat', 'soy'],
  }),
  row('Hotteok', {
    description: 'Sweet pancake filled with brown sugar and cinnamon walnuts',
    price: 6,
    category: 'Desserts',
    dietary: ['vegetarian'],
    allergens: ['tree nuts', 'wheat'],
  }),
  row('Bingsu', {
    description: 'Shaved milk ice with red beans and fruit',
    price: 8,
    category: 'Desserts',
    dietary: ['vegetarian', 'gluten-free'],
    allergens: ['milk'],
  }),
  row('Barley Tea', {
    description: 'Roasted barley tea, served hot',
    price: 3,
    category: 'Drinks',
    dietary: ['vegan'],
  }),
  row('Iced Citron Tea', { description: 'Yuja citron tea over ice', price: 4, category: 'Drinks', dietary: ['vegan'] }),
  row('Banana Milk', {
    description: 'Chilled Korean banana milk',
    price: 3.5,
    category: 'Drinks',
    allergens: ['milk'],
  }),
]

export const KOREAN_OPTIONS = [
  row('Swap to Decaf', { description: 'Decaffeinated espresso in any coffee', price: 0 }),
  row('Double Shot', { description: 'Another shot of espresso', price: 0.8 }),
  row('Extra Gochujang', { description: 'Red chili paste on the side', price: 0.5 }),
  row('Mild Sauce', { description: 'Sweet soy glaze instead of the chili sauce', price: 0 }),
  row('Vanilla Syrup', { description: 'A pump of vanilla', price: 0.5 }),
  row('Add Fried Egg', { description: 'A fried egg on top', price: 1.5 }),
]

export const askMenu = (query: string, rows = KOREAN_MENU) =>
  composeAnswer({ query, rows, kind: 'menu', mode: 'lexical', currency: 'USD' })
export const askOptions = (query: string, rows = KOREAN_OPTIONS) =>
  composeAnswer({ query, rows, kind: 'modifiers', mode: 'lexical', currency: 'USD' })

/** The names of `rows` an answer speaks. */
export const namesIn = (text: string, rows: SearchRow[]) =>
  rows.map((r) => r.title).filter((name) => text.includes(name))

import type { FakeSquare } from '../../../../test/fakes/fake-square.ts'
import type { AppInstance } from '../../../shared/http.ts'

// A Square catalog as Square's list endpoint sends it (snake_case), for the fake.

const DISHES = [
  'Margherita',
  'Diavola',
  'Quattro Formaggi',
  'Capricciosa',
  'Funghi',
  'Prosciutto e Rucola',
  'Marinara',
  'Calzone',
  'Spaghetti Carbonara',
  'Penne Arrabbiata',
  'Lasagna Bolognese',
  'Fettuccine Alfredo',
  'Gnocchi al Pesto',
  'Ravioli di Ricotta',
  'Linguine alle Vongole',
  'Rigatoni alla Norma',
  'Caesar Salad',
  'Caprese Salad',
  'Panzanella',
  'Arugula Salad',
  'Minestrone Soup',
  'Garlic Bread',
  'Bruschetta',
  'Arancini',
  'Fried Calamari',
  'Meatballs in Sugo',
  'Eggplant Parmigiana',
  'Chicken Parmigiana',
  'Veal Marsala',
  'Grilled Salmon',
  'Tiramisu',
  'Panna Cotta',
  'Cannoli',
  'Affogato',
  'Gelato Trio',
  'Lemon Sorbet',
  'San Pellegrino',
  'Limonata',
  'Espresso',
  'Cappuccino',
  'Chinotto',
  'Focaccia',
  'Polenta Fries',
  'Burrata Plate',
  'Osso Buco',
  'Risotto ai Funghi',
  'Zuppa di Pesce',
  'Saltimbocca',
  'Pollo alla Cacciatora',
  'Carpaccio',
]
const CATEGORIES = ['Pizza', 'Pasta', 'Salads', 'Starters', 'Mains', 'Desserts', 'Drinks']

const money = (cents: number) => ({ amount: cents, currency: 'USD' })

/**
 * `count` items in seven categories; every pizza has Small and Large variations, and two
 * modifier lists (Toppings, Sauces) carry priced modifiers. Names repeat with a number past 50.
 */
export function squareCatalog(count: number): Array<Record<string, any>> {
  const objects: Array<Record<string, any>> = CATEGORIES.map((name, i) => ({
    type: 'CATEGORY',
    id: `CAT${i}`,
    category_data: { name },
  }))
  for (let i = 0; i < count; i++) {
    const base = DISHES[i % DISHES.length]!
    const name = i < DISHES.length ? base : `${base} ${Math.floor(i / DISHES.length) + 1}`
    const pizza = i % DISHES.length < 8
    const variation = (suffix: string, label: string, cents: number) => ({
      type: 'ITEM_VARIATION',
      id: `VAR${i}${suffix}`,
      present_at_all_locations: true,
      item_variation_data: {
        item_id: `ITEM${i}`,
        name: label,
        pricing_type: 'FIXED_PRICING',
        price_money: money(cents),
      },
    })
    objects.push({
      type: 'ITEM',
      id: `ITEM${i}`,
      present_at_all_locations: true,
      item_data: {
        name,
        description: `House ${name.toLowerCase()}`,
        categories: [{ id: `CAT${pizza ? 0 : 1 + (i % 6)}` }],
        variations: pizza
          ? [variation('S', 'Small', 1100 + i * 25), variation('L', 'Large', 1600 + i * 25)]
          : [variation('R', 'Regular', 700 + i * 25)],
        modifier_list_info: pizza ? [{ modifier_list_id: 'MLTOP' }, { modifier_list_id: 'MLSAUCE' }] : [],
      },
    })
  }
  const modifierList = (id: string, name: string, entries: Array<[string, number]>) => ({
    type: 'MODIFIER_LIST',
    id,
    modifier_list_data: {
      name,
      modifiers: entries.map(([modifier, cents], j) => ({
        type: 'MODIFIER',
        id: `${id}M${j}`,
        modifier_data: { name: modifier, price_money: money(cents), modifier_list_id: id },
      })),
    },
  })
  objects.push(
    modifierList('MLTOP', 'Toppings', [
      ['Extra Mozzarella', 200],
      ['Anchovies', 150],
      ['Fresh Basil', 0],
    ]),
    modifierList('MLSAUCE', 'Sauces', [
      ['Chili Oil', 75],
      ['Garlic Dip', 100],
    ]),
  )
  return objects
}

/** Posts one signed webhook delivery the way Square does, through the app. */
export async function deliverWebhook(
  app: AppInstance,
  square: FakeSquare,
  notificationUrl: string,
  event: Record<string, unknown>,
) {
  const { body, headers } = square.delivery(notificationUrl, event)
  return app.inject({ method: 'POST', url: '/api/integrations/square/webhook', headers, payload: body })
}

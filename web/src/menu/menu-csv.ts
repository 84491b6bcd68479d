import Papa from 'papaparse'

export type CsvMenuItem = {
  name: string
  price: number
  category?: string
  description?: string
  available?: boolean
  dietary?: string[]
  allergens?: string[]
}

// Column names as a spreadsheet might head them, lower-cased; the first is the bundle's own.
const COLUMNS: Record<keyof CsvMenuItem, string[]> = {
  name: ['name', 'item', 'dish'],
  price: ['price', 'cost'],
  category: ['category', 'section'],
  description: ['description', 'details'],
  available: ['available', 'in stock'],
  dietary: ['dietary', 'dietary tags', 'tags'],
  allergens: ['allergens', 'allergies'],
}
const YES = new Set(['yes', 'y', 'true', '1', 'available'])
const NO = new Set(['no', 'n', 'false', '0', 'sold out', 'unavailable'])

/**
 * Menu items from a spreadsheet's CSV export: a header row with at least Name and Price, then one
 * dish per row. Prices may carry a currency sign; tags are separated by commas or semicolons. A row
 * that cannot be read stops the import with its row number, so nothing half-read replaces a menu.
 */
export function menuItemsFromCsv(text: string): CsvMenuItem[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  })
  const headers = parsed.meta.fields ?? []
  const column = (field: keyof CsvMenuItem) => COLUMNS[field].find((name) => headers.includes(name))
  const nameColumn = column('name')
  const priceColumn = column('price')
  if (!nameColumn || !priceColumn)
    throw new Error('The first row of the CSV must name its columns, with at least "Name" and "Price".')
  const problem = parsed.errors.find((error) => error.type !== 'FieldMismatch')
  if (problem) throw new Error(`The CSV cannot be read: ${problem.message}.`)
  if (parsed.data.length === 0) throw new Error('The CSV has no dishes under its header row.')

  return parsed.data.map((row, index) => {
    const at = `Row ${index + 2}`
    const cell = (field: keyof CsvMenuItem) => {
      const name = column(field)
      return name ? (row[name] ?? '').trim() : ''
    }
    const name = cell('name')
    if (!name) throw new Error(`${at}: the name is empty.`)
    const price = Number(cell('price').replace(/[$€£\s,]/g, ''))
    if (cell('price') === '' || !Number.isFinite(price) || price < 0)
      throw new Error(`${at} (${name}): "${cell('price')}" is not a price.`)
    const item: CsvMenuItem = { name, price: Math.round(price * 100) / 100 }
    if (cell('category')) item.category = cell('category')
    if (cell('description')) item.description = cell('description')
    const available = cell('available').toLowerCase()
    if (available) {
      if (!YES.has(available) && !NO.has(available))
        throw new Error(`${at} (${name}): available is "${cell('available')}"; write yes or no.`)
      item.available = YES.has(available)
    }
    const words = (field: 'dietary' | 'allergens') =>
      cell(field)
        .split(/[;,]/)
        .map((word) => word.trim().toLowerCase())
        .filter(Boolean)
    if (words('dietary').length > 0) item.dietary = words('dietary')
    if (words('allergens').length > 0) item.allergens = words('allergens')
    return item
  })
}

// How the CLI prints what the routes answer: aligned tables for people, JSON with --json.

import { speakMoney } from '../shared/money.ts'

/** Left-aligned columns separated by two spaces. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

type Restaurant = { id: string; name: string; phone_numbers: string[]; counts: Record<string, number> }

export function restaurantsTable(restaurants: Restaurant[]): string {
  if (restaurants.length === 0) return 'No restaurants yet: npm run cli -- restaurants import <file>'
  return table(
    ['id', 'name', 'phone numbers', 'menu items'],
    restaurants.map((r) => [r.id, r.name, r.phone_numbers.join(', ') || '-', String(r.counts.menu_items ?? 0)]),
  )
}

type Item = { name?: string; price?: number | null }
export type AskAnswer = {
  restaurant: { id: string; name: string; currency?: string } | null
  tool: string
  result?: string
  error?: string
  metadata?: { items?: Item[]; [key: string]: unknown }
}

/** The tool, the restaurant, the exact text the assistant would be told, and the items behind it. */
export function askText(answer: AskAnswer): string {
  const items = answer.metadata?.items ?? []
  const currency = answer.restaurant?.currency ?? 'USD'
  const price = (item: Item) =>
    typeof item.price === 'number' ? ` (${speakMoney(Math.round(item.price * 100), currency)})` : ''
  return [
    `restaurant: ${answer.restaurant ? `${answer.restaurant.name} (${answer.restaurant.id})` : 'none for this number'}`,
    `tool: ${answer.tool}`,
    answer.error === undefined ? `result: ${answer.result}` : `error: ${answer.error}`,
    ...(items.length > 0 ? [`items: ${items.map((item) => `${item.name}${price(item)}`).join('; ')}`] : []),
  ].join('\n')
}

type ModelStatus = { model: string; current: boolean; documents: number; embedded: number; pending: number }

export function indexTable(status: { models: ModelStatus[] }): string {
  return table(
    ['model', 'documents', 'embedded', 'pending'],
    status.models.map((m) => [
      `${m.model}${m.current ? ' (current)' : ''}`,
      String(m.documents),
      String(m.embedded),
      String(m.pending),
    ]),
  )
}

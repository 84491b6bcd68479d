import { createHash } from 'node:crypto'
import { speakPrice } from '../../shared/money.ts'
import type { MenuItemRow, ModifierRow, ZoneRow } from '../restaurants/restaurant-data.models.ts'

/** The kinds of documents the index holds, named like the data categories they come from. */
export const KNOWLEDGE_CATEGORIES = ['menu', 'modifiers', 'zones', 'faqs'] as const
export type KnowledgeCategory = (typeof KNOWLEDGE_CATEGORIES)[number]

export type MenuItemMetadata = {
  available_again_at?: string
  name: string
  description: string | null
  price: number
  category: string | null
  available: boolean
  dietary: string[]
  allergens: string[]
  position: number
}
export type ModifierMetadata = { name: string; description: string | null; price: number; position: number }
export type ZoneMetadata = {
  zone_name: string
  description: string | null
  delivery_fee: number
  min_order: number | null
  postal_codes: string[]
  position: number
}

/** One searchable document per source row; `contentHash` decides whether it must be re-embedded. */
export type KnowledgeDocument = {
  category: KnowledgeCategory
  sourceId: string
  title: string
  /** What is embedded and searched: everything a caller may ask about the row, as plain text. */
  content: string
  metadata: Record<string, unknown>
  contentHash: string
}

export function document(
  category: KnowledgeCategory,
  sourceId: string,
  title: string,
  lines: (string | false | null | undefined)[],
  metadata: Record<string, unknown>,
): KnowledgeDocument {
  const content = lines.filter(Boolean).join(' ')
  // The position is left out: reordering a menu moves documents without re-embedding them.
  const { position: _position, ...hashed } = metadata
  const contentHash = createHash('sha256')
    .update(JSON.stringify([title, content, hashed]))
    .digest('base64url')
  return { category, sourceId, title, content, metadata, contentHash }
}

const sentence = (text: string | null) => text && `${text.replace(/[.\s]+$/, '')}.`

export function menuItemDocument(row: MenuItemRow, currency: string): KnowledgeDocument {
  const metadata: MenuItemMetadata = {
    name: row.name,
    description: row.description,
    price: row.price,
    category: row.category,
    available: row.available,
    dietary: row.dietary,
    allergens: row.allergens,
    position: row.position,
    // Only when set, so that documents of items never sold out keep their hash (no re-embedding).
    ...(row.availableAgainAt ? { available_again_at: row.availableAgainAt.toISOString() } : {}),
  }
  return document(
    'menu',
    row.id,
    row.name,
    [
      `${row.name}.`,
      sentence(row.description),
      row.category && `Category: ${row.category}.`,
      `Price: ${speakPrice(row.price, currency)}.`,
      row.dietary.length > 0 && `Dietary: ${row.dietary.join(', ')}.`,
      row.allergens.length > 0 && `Allergens: ${row.allergens.join(', ')}.`,
      !row.available && 'Currently unavailable.',
    ],
    metadata,
  )
}

export function modifierDocument(row: ModifierRow, currency: string): KnowledgeDocument {
  const metadata: ModifierMetadata = {
    name: row.name,
    description: row.description,
    price: row.price,
    position: row.position,
  }
  return document(
    'modifiers',
    row.id,
    row.name,
    [`${row.name}.`, sentence(row.description), `Price: ${speakPrice(row.price, currency)}.`],
    metadata,
  )
}

export function zoneDocument(row: ZoneRow, currency: string): KnowledgeDocument {
  const metadata: ZoneMetadata = {
    zone_name: row.zoneName,
    description: row.description,
    delivery_fee: row.deliveryFee,
    min_order: row.minOrder,
    postal_codes: row.postalCodes,
    position: row.position,
  }
  return document(
    'zones',
    row.id,
    row.zoneName,
    [
      `${row.zoneName}.`,
      sentence(row.description),
      row.postalCodes.length > 0 && `Postal codes: ${row.postalCodes.join(', ')}.`,
      `Delivery fee: ${speakPrice(row.deliveryFee, currency)}.`,
      row.minOrder != null && `Minimum order: ${speakPrice(row.minOrder, currency)}.`,
    ],
    metadata,
  )
}

import type { OrderLine, OrderStatus } from '../../infra/db/schema.ts'
import { AppError } from '../../shared/errors.ts'

/** The points of sale we connect to; each is one adapter in its own folder (square/ first). */
export type PosProviderName = 'square'

/** What a provider needs to act for one seller at one location (tokens already decrypted). */
export type PosCredentials = { accessToken: string; merchantId: string; locationId: string }

export type PosTokens = {
  accessToken: string
  refreshToken?: string
  expiresAt?: Date
  merchantId: string
}

/** One sellable thing at the location: a Square item variation becomes one menu item. */
export type PosItem = {
  externalId: string
  parentId: string
  name: string
  description: string | null
  category: string | null
  priceCents: number
  available: boolean
}

/** One option with its price: a Square modifier (its list's name is the description). */
export type PosModifier = { externalId: string; parentId: string; name: string; listName: string; priceCents: number }

/** What a catalog import could not use, and why (an unknown object type, an item without a price). */
export type PosSkipped = { id: string; type: string; reason: string }

export type PosCatalog = { items: PosItem[]; modifiers: PosModifier[]; skipped: PosSkipped[] }

/** What a POS told us, once its webhook's signature was verified. */
export type PosEvent =
  | { kind: 'catalog_changed'; merchantId: string }
  | { kind: 'stock_changed'; merchantId: string; locationId: string; itemId: string; available: boolean }
  | { kind: 'order_status'; merchantId: string; posOrderId: string; status: OrderStatus }

/** One placed order as the POS receives it; lines carry the POS ids the sync kept. */
export type PosOrder = {
  id: string
  number: number
  fulfillment: 'pickup' | 'delivery'
  lines: Array<OrderLine & { externalId: string | null; modifiers: Array<{ name: string; externalId: string | null }> }>
  customerName: string | null
  customerPhone: string | null
  postalCode: string | null
  deliveryAddress: string | null
  pickupTime: Date
  notes: string | null
  /** For lines without a POS id (added by hand), priced as ad hoc lines. */
  currency: string
}

export type PushResult =
  | { outcome: 'created'; posOrderId: string }
  /** The POS is down or rate-limits: try again (after `retryAfterMs` when it said so). */
  | { outcome: 'retry'; error: string; retryAfterMs?: number }
  /** The POS refused the order itself (e.g. an item deleted since the sync): retrying cannot help. */
  | { outcome: 'refused'; reason: string }

/**
 * A point of sale: connect, import its catalog, read its webhooks, take our orders. Nothing
 * outside a provider's folder knows its wire formats.
 */
export type PosProvider = {
  name: PosProviderName
  /** Whether the platform's OAuth application is configured. */
  oauthEnabled: boolean
  authorizeUrl(input: { state: string; redirectUri: string }): string
  exchangeCode(input: { code: string; redirectUri: string }): Promise<PosTokens>
  refresh(refreshToken: string): Promise<PosTokens>
  /** Revokes what OAuth granted for this seller. */
  revoke(credentials: PosCredentials): Promise<void>
  /** A seller's own token: checks it reaches the location and returns the seller's id. */
  verifyLocation(input: { accessToken: string; locationId: string }): Promise<{ merchantId: string }>
  /** After OAuth: the seller's first active location. */
  mainLocation(accessToken: string): Promise<{ locationId: string }>
  importCatalog(credentials: PosCredentials): Promise<PosCatalog>
  /** Verified events of one webhook delivery, or null when its signature is missing or wrong. */
  readWebhook(input: { rawBody: string; signature: string | undefined; notificationUrl: string }): PosEvent[] | null
  pushOrder(credentials: PosCredentials, order: PosOrder): Promise<PushResult>
}

/** A credential or request problem at the POS, said to the owner (never a token). */
export class PosError extends AppError {
  constructor(message: string, statusCode = 400) {
    super('pos_error', message, statusCode)
  }
}

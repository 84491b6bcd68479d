import { bigint, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** A restaurant's connection to its point of sale (0015); tokens only sealed (SECRETS_KEY). */
export const posConnections = pgTable(
  'pos_connections',
  {
    restaurantId: uuid('restaurant_id').notNull(),
    provider: text('provider').$type<'square'>().notNull(),
    authKind: text('auth_kind').$type<'oauth' | 'token'>().notNull(),
    merchantId: text('merchant_id').notNull(),
    locationId: text('location_id').notNull(),
    accessTokenEnc: text('access_token_enc').notNull(),
    refreshTokenEnc: text('refresh_token_enc'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    orderCursor: bigint('order_cursor', { mode: 'number' }).notNull().default(0),
    syncState: text('sync_state').$type<'never' | 'syncing' | 'synced' | 'failed'>().notNull().default('never'),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.restaurantId, table.provider] })],
)
export type PosConnectionRow = typeof posConnections.$inferSelect

/** The POS object behind each menu item or modifier a sync wrote. */
export const posCatalogLinks = pgTable(
  'pos_catalog_links',
  {
    restaurantId: uuid('restaurant_id').notNull(),
    provider: text('provider').$type<'square'>().notNull(),
    kind: text('kind').$type<'item' | 'modifier'>().notNull(),
    externalId: text('external_id').notNull(),
    parentId: text('parent_id'),
    localId: uuid('local_id').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (table) => [primaryKey({ columns: [table.restaurantId, table.provider, table.kind, table.externalId] })],
)

/** One push of a placed order into the POS. */
export const posOrderPushes = pgTable('pos_order_pushes', {
  orderId: uuid('order_id').primaryKey(),
  restaurantId: uuid('restaurant_id').notNull(),
  provider: text('provider').$type<'square'>().notNull(),
  state: text('state').$type<'pending' | 'pushed' | 'refused'>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  posOrderId: text('pos_order_id'),
  lastError: text('last_error'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** OAuth `state` values in flight (their hashes): single use, expiring, bound to a person. */
export const posOauthStates = pgTable('pos_oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  restaurantId: uuid('restaurant_id').notNull(),
  userId: uuid('user_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
})

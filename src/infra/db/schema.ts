import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'

// Mirrors migrations/*.sql, which are the source of truth for the database itself.

/** The local provider's vector size; the columns themselves take vectors of any dimension. */
export const EMBEDDING_DIMENSIONS = 1536

/** pgvector's `vector` without a fixed dimension (each model keeps its own; see migration 0010). */
const anyVector = customType<{ data: number[]; driverData: string }>({
  dataType: () => 'vector',
  toDriver: (value) => `[${value.join(',')}]`,
  fromDriver: (value) => JSON.parse(value) as number[],
})

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })
const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}
const restaurantId = () =>
  uuid('restaurant_id')
    .notNull()
    .references(() => restaurants.id, { onDelete: 'cascade' })

export const restaurants = pgTable('restaurants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  /** ISO 4217 (0014): prices are in it and spoken in it. */
  currency: text('currency').notNull().default('USD'),
  apiKeyHash: text('api_key_hash').notNull().unique(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  ...timestamps,
})

export const menuItems = pgTable('menu_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: restaurantId(),
  position: integer('position').notNull().default(0),
  name: text('name').notNull(),
  description: text('description'),
  price: numeric('price', { precision: 10, scale: 2, mode: 'number' }).notNull(),
  category: text('category'),
  available: boolean('available').notNull().default(true),
  dietary: text('dietary').array().notNull().default(sql`'{}'`),
  allergens: text('allergens').array().notNull().default(sql`'{}'`),
  ...timestamps,
  /** Unavailable until then (0005): the item comes back by itself at this time. */
  availableAgainAt: timestamp('available_again_at', { withTimezone: true }),
})

export const modifiers = pgTable('modifiers', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: restaurantId(),
  position: integer('position').notNull().default(0),
  name: text('name').notNull(),
  description: text('description'),
  price: numeric('price', { precision: 10, scale: 2, mode: 'number' }).notNull().default(0),
  ...timestamps,
})

export const operatingHours = pgTable('operating_hours', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: restaurantId(),
  position: integer('position').notNull().default(0),
  dayOfWeek: smallint('day_of_week').notNull(),
  openTime: time('open_time'),
  closeTime: time('close_time'),
  isClosed: boolean('is_closed').notNull().default(false),
  createdAt: timestamps.createdAt,
})

export const deliveryZones = pgTable('delivery_zones', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: restaurantId(),
  position: integer('position').notNull().default(0),
  zoneName: text('zone_name').notNull(),
  description: text('description'),
  deliveryFee: numeric('delivery_fee', { precision: 10, scale: 2, mode: 'number' }).notNull().default(0),
  minOrder: numeric('min_order', { precision: 10, scale: 2, mode: 'number' }),
  postalCodes: text('postal_codes').array().notNull().default(sql`'{}'`),
  ...timestamps,
})

export const documentEmbeddings = pgTable(
  'document_embeddings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    restaurantId: restaurantId(),
    category: text('category').notNull(),
    sourceId: uuid('source_id').notNull(),
    title: text('title').notNull().default(''),
    content: text('content').notNull(),
    contentHash: text('content_hash').notNull(),
    // Nullable since 0002: NULL = not embedded yet (the provider was down); lexical search still finds it.
    embedding: anyVector('embedding'),
    embeddingModel: text('embedding_model'),
    nextEmbedding: anyVector('next_embedding'),
    nextEmbeddingModel: text('next_embedding_model'),
    nextContentHash: text('next_content_hash'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('english', title || ' ' || content)`),
    /** The vector's dimensions (0017), compared by searches without reading the vector itself. */
    embeddingDims: integer('embedding_dims').generatedAlwaysAs(sql`vector_dims(embedding)`),
    ...timestamps,
  },
  (t) => [
    unique().on(t.restaurantId, t.category, t.sourceId),
    index('document_embeddings_restaurant_category_idx').on(t.restaurantId, t.category),
  ],
)

export const faqs = pgTable('faqs', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: restaurantId(),
  position: integer('position').notNull().default(0),
  question: text('question').notNull(),
  answer: text('answer').notNull(),
  ...timestamps,
})

export const specialDates = pgTable('special_dates', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: restaurantId(),
  position: integer('position').notNull().default(0),
  date: date('date', { mode: 'string' }).notNull(),
  name: text('name'),
  openTime: time('open_time'),
  closeTime: time('close_time'),
  isClosed: boolean('is_closed').notNull().default(false),
  ...timestamps,
})

export const unansweredQuestions = pgTable('unanswered_questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: restaurantId(),
  question: text('question').notNull(),
  normalizedQuery: text('normalized_query').notNull(),
  embedding: anyVector('embedding'),
  embeddingModel: text('embedding_model'),
  status: text('status').$type<'open' | 'answered'>().notNull().default('open'),
  faqId: uuid('faq_id').references(() => faqs.id, { onDelete: 'set null' }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  createdAt: timestamps.createdAt,
})

export const restaurantPhoneMappings = pgTable('restaurant_phone_mappings', {
  phoneNumber: text('phone_number').primaryKey(),
  restaurantId: restaurantId(),
  vapiPhoneNumberId: text('vapi_phone_number_id').unique(),
  createdAt: timestamps.createdAt,
})

/** One transfer of a call and how it went (migration 0013). */
export type CallTransfer = {
  requested_at: string
  status: 'requested' | 'connected' | 'no_answer' | 'busy' | 'failed' | 'unavailable'
  reason?: string
  updated_at: string
}
export type CallMessage = { role: 'user' | 'assistant' | 'tool'; content: string; timestamp: string | null }

export const callHistory = pgTable('call_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: uuid('restaurant_id').references(() => restaurants.id, { onDelete: 'cascade' }),
  vapiCallId: text('vapi_call_id').unique(),
  caller: text('caller'),
  dialedNumber: text('dialed_number'),
  status: text('status'),
  startedAt: timestamp('started_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  durationSeconds: numeric('duration_seconds', { precision: 10, scale: 2, mode: 'number' }),
  outcome: text('outcome'),
  summary: text('summary'),
  transcript: text('transcript'),
  recordingUrl: text('recording_url'),
  cost: numeric('cost', { precision: 10, scale: 4, mode: 'number' }),
  costBreakdown: jsonb('cost_breakdown').$type<Record<string, unknown>>(),
  messages: jsonb('messages').$type<CallMessage[]>().notNull().default([]),
  transfers: jsonb('transfers').$type<CallTransfer[]>().notNull().default([]),
  toolCalls: jsonb('tool_calls').$type<Record<string, unknown>[]>().notNull().default([]),
  ...timestamps,
  source: text('source').$type<'vapi' | 'manual'>().notNull().default('vapi'),
  reportReceivedAt: timestamp('report_received_at', { withTimezone: true }),
  listedAt: timestamp('listed_at', { withTimezone: true }).generatedAlwaysAs(sql`COALESCE(started_at, created_at)`),
})

export const toolInvocations = pgTable(
  'tool_invocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    restaurantId: restaurantId(),
    vapiCallId: text('vapi_call_id'),
    toolCallId: text('tool_call_id'),
    tool: text('tool').notNull(),
    query: text('query').notNull(),
    normalizedQuery: text('normalized_query').notNull(),
    result: text('result').notNull(),
    unanswered: boolean('unanswered').notNull().default(false),
    unansweredQuestionId: uuid('unanswered_question_id'),
    invokedAt: timestamp('invoked_at', { withTimezone: true }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [unique().on(t.vapiCallId, t.toolCallId)],
)

export type PhoneNumberStatus = 'available' | 'provisioning' | 'assigned' | 'released'
export type PhoneNumberSource = 'vapi' | 'twilio_owned' | 'twilio_purchased'

/** The pool of numbers we own or imported (0004); restaurant_phone_mappings stays the routing truth. */
export const phoneNumbers = pgTable('phone_numbers', {
  phoneNumber: text('phone_number').primaryKey(),
  status: text('status').$type<PhoneNumberStatus>().notNull().default('available'),
  source: text('source').$type<PhoneNumberSource>().notNull(),
  twilioSid: text('twilio_sid').unique(),
  vapiPhoneNumberId: text('vapi_phone_number_id').unique(),
  restaurantId: uuid('restaurant_id').references(() => restaurants.id, { onDelete: 'set null' }),
  claimToken: uuid('claim_token'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  lastError: text('last_error'),
  ...timestamps,
})

export const vapiSyncState = pgTable(
  'vapi_sync_state',
  {
    kind: text('kind').$type<'tool' | 'assistant'>().notNull(),
    name: text('name').notNull(),
    vapiId: text('vapi_id').notNull(),
    configHash: text('config_hash').notNull(),
    remoteUpdatedAt: text('remote_updated_at'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.name] })],
)

export type OrderStatus = 'awaiting_payment' | 'new' | 'accepted' | 'ready' | 'completed' | 'cancelled'
export type OrderLine = {
  name: string
  quantity: number
  options: string[]
  notes?: string
  unit_price_cents: number
  line_total_cents: number
}

/** Orders taken on the phone (0007): prices in integer cents, copied when the order is placed. */
export const orders = pgTable('orders', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: restaurantId(),
  number: integer('number').notNull(),
  status: text('status').$type<OrderStatus>().notNull().default('new'),
  fulfillment: text('fulfillment').$type<'pickup' | 'delivery'>().notNull(),
  items: jsonb('items').$type<OrderLine[]>().notNull(),
  subtotalCents: integer('subtotal_cents').notNull(),
  deliveryFeeCents: integer('delivery_fee_cents').notNull().default(0),
  taxCents: integer('tax_cents').notNull().default(0),
  totalCents: integer('total_cents').notNull(),
  customerName: text('customer_name'),
  customerPhone: text('customer_phone'),
  postalCode: text('postal_code'),
  pickupTime: timestamp('pickup_time', { withTimezone: true }).notNull(),
  vapiCallId: text('vapi_call_id'),
  /** The whole order's notes and the party's allergies, in the caller's words (migration 0013). */
  notes: text('notes'),
  allergies: text('allergies'),
  // Payment by link (0014): pending while awaiting_payment; the kitchen sees the order once paid.
  currency: text('currency').notNull().default('USD'),
  paymentStatus: text('payment_status').$type<PaymentStatus>().notNull().default('not_required'),
  paymentSessionId: text('payment_session_id'),
  paymentUrl: text('payment_url'),
  paymentExpiresAt: timestamp('payment_expires_at', { withTimezone: true }),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  /** A paid order cancelled afterwards: Stripe's refund and when it was made (0020). */
  refundId: text('refund_id'),
  refundedAt: timestamp('refunded_at', { withTimezone: true }),
  ...timestamps,
  /** The order in the restaurant's point of sale (0015), and why the POS refused it. */
  posOrderId: text('pos_order_id'),
  posError: text('pos_error'),
})
export type PaymentStatus = 'not_required' | 'pending' | 'paid' | 'expired'

/** Reminders and expiry of unpaid orders (0014), refunds of cancelled paid ones (0020), claimed with a lease. */
export type PaymentJobKind = 'reminder' | 'expire' | 'refund'
export const paymentJobs = pgTable('payment_jobs', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  restaurantId: restaurantId(),
  orderId: uuid('order_id')
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<PaymentJobKind>().notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  leasedUntil: timestamp('leased_until', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  doneAt: timestamp('done_at', { withTimezone: true }),
  lastError: text('last_error'),
})

export const schema = {
  restaurants,
  orders,
  menuItems,
  modifiers,
  operatingHours,
  deliveryZones,
  faqs,
  specialDates,
  unansweredQuestions,
  documentEmbeddings,
  restaurantPhoneMappings,
  callHistory,
  toolInvocations,
  phoneNumbers,
  vapiSyncState,
}

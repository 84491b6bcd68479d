import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { as, type Browser, inviteAndAccept, PASSWORD } from '../../src/modules/accounts/accounts.test-utils.ts'
import { messages } from '../../src/modules/messages/messages.tables.ts'
import { reservations } from '../../src/modules/reservations/reservations.tables.ts'
import { TAKES_BOOKINGS } from '../../src/modules/reservations/reservations.test-utils.ts'
import { admin, type TestApp } from '../support/app.ts'

// Two restaurants with data in every table a tenant owns, and a way to photograph all of it,
// so that a suite can prove that hostile or foreign requests changed nothing.

export const NUMBER_A = '+12125550181'
export const NUMBER_B = '+13105550182'
export const CALLER = '+14155550123'

export const bundleA = {
  name: 'Alpha Bistro',
  timezone: 'America/New_York',
  phone_numbers: [NUMBER_A],
  menu_items: [
    { name: 'Duck Confit', description: 'Crispy duck leg', price: 28.99, category: 'Mains', dietary: ['gluten-free'] },
    { name: 'Onion Soup', price: 9.5, category: 'Starters', allergens: ['dairy'] },
  ],
  modifiers: [{ name: 'Extra cheese', price: 2 }],
  operating_hours: [
    { day_of_week: 'monday', open_time: '11:00', close_time: '22:00' },
    { day_of_week: 'sunday', is_closed: true },
  ],
  delivery_zones: [{ zone_name: 'Chelsea', delivery_fee: 5, min_order: 20, postal_codes: ['10011'] }],
  faqs: [
    { question: 'Is there parking?', answer: 'Valet parking at the door costs 17 dollars.' },
    { question: 'Can I bring my own wine?', answer: 'Corkage is 35 dollars a bottle.' },
  ],
  special_dates: [{ date: '2026-12-24', name: 'Christmas Eve', open_time: '10:00', close_time: '14:00' }],
  settings: TAKES_BOOKINGS,
}

export const bundleB = {
  name: 'Beta Ramen',
  timezone: 'America/Los_Angeles',
  phone_numbers: [NUMBER_B],
  menu_items: [{ name: 'Tonkotsu Ramen', price: 16, category: 'Ramen' }],
  modifiers: [{ name: 'Soft egg', price: 1.5 }],
  operating_hours: [{ day_of_week: 'tuesday', open_time: '12:00', close_time: '21:00' }],
  delivery_zones: [{ zone_name: 'Sawtelle', delivery_fee: 3 }],
  faqs: [{ question: 'Do you take reservations?', answer: 'Walk-ins only.' }],
  special_dates: [{ date: '2026-12-25', name: 'Christmas Day', is_closed: true }],
  settings: TAKES_BOOKINGS,
}

/** The restaurant's people: an owner and a staff member, signed in (browsers with cookie and CSRF token). */
export type People = { ownerEmail: string; password: string; owner: Browser; staff: Browser; staffUserId: string }
export type Tenant = {
  id: string
  api_key: string
  number: string
  callId: string
  itemIds: Record<string, string>
  /** A table booked through the webhook. */
  reservationId: string
  /** A message a caller left for the staff. */
  messageId: string
  /** Orders still new, one per PATCH a test may make (each moves one along). */
  orderIds: string[]
  people: People
}

/** An owner (invited by the operator) and a staff member (invited by the owner), both signed in. */
export async function seedPeople(t: TestApp, restaurantId: string): Promise<People> {
  const tag = restaurantId.slice(0, 8)
  const ownerEmail = `owner-${tag}@example.com`
  const owner = await inviteAndAccept(t.app, { inviter: admin, restaurantId, email: ownerEmail, role: 'owner' })
  const staff = await inviteAndAccept(t.app, {
    inviter: as(owner, { write: true }),
    restaurantId,
    email: `staff-${tag}@example.com`,
    role: 'staff',
  })
  return { ownerEmail, password: PASSWORD, owner, staff, staffUserId: staff.userId }
}

const ITEM_PATHS = ['menu-items', 'modifiers', 'hours', 'delivery-zones', 'faqs', 'special-dates'] as const

/** A booked table, written directly: some suites' webhooks want signatures this seed does not make. */
async function seedReservation(t: TestApp, restaurantId: string): Promise<string> {
  const [row] = await t.database.db
    .insert(reservations)
    .values({
      restaurantId,
      partySize: 2,
      date: '2030-01-07',
      time: '19:00',
      name: 'Seeded Guest',
      callerPhone: CALLER,
    })
    .returning({ id: reservations.id })
  return row!.id
}

/** A caller's message for the staff, written directly like the booking. */
async function seedMessage(t: TestApp, restaurantId: string): Promise<string> {
  const [row] = await t.database.db
    .insert(messages)
    .values({ restaurantId, kind: 'message', name: 'Seeded Caller', callbackNumber: CALLER, reason: 'Call me back' })
    .returning({ id: messages.id })
  return row!.id
}

/** Creates a restaurant with one recorded call, one booked table and one message; returns its ids and key. */
export async function seedTenant(t: TestApp, bundle: Record<string, unknown>): Promise<Tenant> {
  const { id, api_key } = await t.createRestaurant(bundle)
  const call = await t.app.inject({
    method: 'POST',
    url: '/api/calls',
    headers: admin,
    payload: {
      restaurant_id: id,
      caller: CALLER,
      summary: `secret summary of ${bundle.name}`,
      messages: [{ role: 'user', content: 'Is the duck gluten-free?' }],
    },
  })
  assert.equal(call.statusCode, 201, call.body)
  const itemIds: Record<string, string> = {}
  for (const path of ITEM_PATHS) {
    const list = await t.app.inject({ method: 'GET', url: `/api/restaurants/${id}/${path}`, headers: admin })
    itemIds[path] = list.json().data[0].id
  }
  const reservationId = await seedReservation(t, id)
  const messageId = await seedMessage(t, id)
  const people = await seedPeople(t, id)
  const orderIds = await seedOrders(t, id, 60)
  return {
    id,
    api_key,
    number: (bundle.phone_numbers as string[])[0]!,
    callId: call.json().id,
    itemIds,
    reservationId,
    messageId,
    orderIds,
    people,
  }
}

/** Orders written directly (placing one needs the restaurant open now): numbers 101…, status new. */
async function seedOrders(t: TestApp, restaurantId: string, count: number): Promise<string[]> {
  const result = await t.database.withTenant(restaurantId, (tx) =>
    tx.execute(sql`
      insert into orders (restaurant_id, number, fulfillment, items, subtotal_cents, total_cents, pickup_time,
                          customer_phone, vapi_call_id)
      select ${restaurantId}::uuid, 100 + n, 'pickup',
             '[{"name":"Duck Confit","quantity":1,"options":[],"unit_price_cents":2899,"line_total_cents":2899}]',
             2899, 2899, now(), ${CALLER}, 'seeded-call-' || n
      from generate_series(1, ${count}) as n
      returning id`),
  )
  return ((result as any).rows as { id: string }[]).map((row) => row.id)
}

const TABLES = [
  'menu_items',
  'modifiers',
  'operating_hours',
  'delivery_zones',
  'document_embeddings',
  'restaurant_phone_mappings',
  'call_history',
  'tool_invocations',
  'phone_numbers',
  'memberships',
  'invites',
  'faqs',
  'special_dates',
  'unanswered_questions',
  'reservations',
  'orders',
]

// The data is written at the machine's time (the app runs on the real clock here): insights are
// read up to a whole day fixed once, two days on, so that two snapshots ask for the same range even
// when a test runs across midnight.
const INSIGHTS_END = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)

/** Everything the API shows of these restaurants, their row counts and their index's hashes. */
export async function snapshot(t: TestApp, tenants: Tenant[]) {
  const get = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers: admin })
    assert.equal(response.statusCode, 200, `${url}: ${response.body}`)
    return response.json()
  }
  const query = async (text: string, id: string) =>
    ((await t.database.db.execute(sql`${sql.raw(text)} ${id}::uuid`)) as any).rows
  const perTenant = []
  for (const tenant of tenants) {
    const counts: Record<string, number> = {}
    for (const table of TABLES)
      counts[table] = Number(
        (await query(`select count(*)::int as n from ${table} where restaurant_id =`, tenant.id))[0].n,
      )
    perTenant.push({
      export: await get(`/api/restaurants/${tenant.id}/export`),
      restaurant: await get(`/api/restaurants/${tenant.id}`),
      calls: await get(`/api/calls?restaurant_id=${tenant.id}`),
      call: await get(`/api/calls/${tenant.callId}`),
      numbers: await get(`/api/restaurants/${tenant.id}/phone-numbers`),
      insights: await get(`/api/restaurants/${tenant.id}/insights?to=${INSIGHTS_END}&days=300`),
      counts,
      documents: await query(
        'select category, source_id, content_hash, embedding is not null as embedded ' +
          'from document_embeddings where restaurant_id =',
        tenant.id,
      ).then((rows: any[]) => rows.map((row) => JSON.stringify(row)).sort()),
    })
  }
  const [restaurants] = ((await t.database.db.execute(sql`select count(*)::int as n from restaurants`)) as any).rows
  return { perTenant, restaurants: Number(restaurants.n) }
}

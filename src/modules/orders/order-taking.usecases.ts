import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import { localTime } from '../../shared/local-time.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import type { Schedule } from '../hours/hours.models.ts'
import { loadSchedule } from '../hours/hours.repository.ts'
import { expireMinutesOf, needsPaymentLink, paymentTimers } from '../payments/payments.models.ts'
import { createPaymentsRepository } from '../payments/payments.repository.ts'
import type { PaymentsSettings } from '../payments/payments.schemas.ts'
import type { CatalogAndSettings, CatalogCache } from './catalog-cache.ts'
import { releaseToKitchen } from './kitchen.usecases.ts'
import { orderNotesOf, parseOrderArguments } from './order-arguments.models.ts'
import { type PricedOrder, priceOrder } from './order-pricing.models.ts'
import { isRefusal, type Refusal, refuse } from './order-refusals.models.ts'
import { DEFAULT_PICKUP_LEAD_MINUTES, readyTime, speakMoment } from './order-time.models.ts'
import { createOrdersRepository, type OrderRow } from './orders.repository.ts'
import { formatOrderForApi } from './orders.usecases.ts'

// quote_order and place_order: the same checks in the same order (ordering on, items, zone and
// minimum, open at the ready time); placing then writes in one transaction.

export type OrderCall = {
  restaurant: { id: string; timezone: string }
  args: Record<string, unknown>
  now: Date
}
export type Quoted = {
  priced: PricedOrder
  readyAt: Date
  readySpoken: string
  /** The whole order's notes and the party's allergies, as the caller said them. */
  notes?: string
  allergies?: string
  payments?: PaymentsSettings
}
export type Placed = Quoted & { order: OrderRow; replaced: boolean }

async function check(
  call: OrderCall,
  loadCatalog: () => Promise<CatalogAndSettings>,
  schedule: Schedule,
): Promise<Quoted | Refusal> {
  const parsed = parseOrderArguments(call.args)
  if (isRefusal(parsed)) return parsed
  const { restaurant, now } = call
  const { catalog, settings } = await loadCatalog()
  if (settings.ordering?.enabled !== true)
    return refuse('ordering_disabled', "Sorry, we don't take orders by phone at the moment.")
  const describeReturn = (at: Date) => speakMoment(at, now, restaurant.timezone)
  const priced = priceOrder({ request: parsed.request, catalog, now, describeReturn })
  if (isRefusal(priced)) return priced
  const ready = readyTime({
    schedule,
    now,
    timezone: restaurant.timezone,
    leadMinutes: settings.ordering?.pickup_lead_minutes ?? DEFAULT_PICKUP_LEAD_MINUTES,
    pickupTime: parsed.request.pickup_time,
  })
  if (isRefusal(ready)) return ready
  return {
    priced,
    readyAt: ready.readyAt,
    readySpoken: describeReturn(ready.readyAt),
    payments: settings.payments,
    ...orderNotesOf(call.args),
  }
}

const scheduleFor = (database: DatabaseHandle, call: OrderCall) =>
  loadSchedule({
    database,
    restaurantId: call.restaurant.id,
    today: localTime(call.now, call.restaurant.timezone).date,
  }).then((loaded) => loaded.schedule)

const catalogOf = (tx: Database, restaurantId: string) => () =>
  createOrdersRepository({ db: tx, restaurantId }).loadCatalog()

/** The restaurant's catalog and settings, from the cache when there is one. */
export function loadCatalog(database: DatabaseHandle, restaurantId: string, catalogCache?: CatalogCache) {
  const load = () => database.withTenant(restaurantId, (tx) => catalogOf(tx, restaurantId)())
  return catalogCache ? catalogCache.get(restaurantId, load) : load()
}

/** Prices an order without writing anything, from the cached catalog when there is one. */
export async function quoteOrder(
  database: DatabaseHandle,
  call: OrderCall,
  catalogCache?: CatalogCache,
): Promise<Quoted | Refusal> {
  // Hours first, in their own transaction: a PGlite connection cannot hold two at once.
  const schedule = await scheduleFor(database, call)
  return check(call, () => loadCatalog(database, call.restaurant.id, catalogCache), schedule)
}

/**
 * Places the order in one transaction: the call's order still `new` is replaced (same number),
 * otherwise a new one is numbered. The caller's number comes from the call, never the arguments.
 */
export async function placeOrder(
  database: DatabaseHandle,
  call: OrderCall & { vapiCallId: string | null; callerNumber: string | null; customerName?: string },
  activity?: ActivityRecorder,
  /** Whether this server can take payments by link (Stripe and SMS configured). */
  { paymentLinks = false }: { paymentLinks?: boolean } = {},
): Promise<Placed | Refusal> {
  const schedule = await scheduleFor(database, call)
  const restaurantId = call.restaurant.id
  const placed = await database.withTenant(restaurantId, async (tx): Promise<Placed | Refusal> => {
    const quoted = await check(call, catalogOf(tx, restaurantId), schedule)
    if (isRefusal(quoted)) return quoted
    const orders = createOrdersRepository({ db: tx, restaurantId: call.restaurant.id })
    await orders.lock()
    const { priced } = quoted
    const needsLink = paymentLinks && needsPaymentLink(quoted.payments, priced)
    if (needsLink && !call.callerNumber)
      return refuse(
        'payment_link_needs_number',
        'This order is paid by a link sent by text message, and I have no number to text it to; offer to ' +
          'transfer the caller to the restaurant.',
      )
    const values = {
      status: 'new' as const,
      currency: priced.currency,
      fulfillment: priced.fulfillment,
      items: priced.lines,
      subtotalCents: priced.subtotalCents,
      deliveryFeeCents: priced.deliveryFeeCents,
      taxCents: priced.taxCents,
      totalCents: priced.totalCents,
      customerName: call.customerName ?? null,
      customerPhone: call.callerNumber,
      postalCode: priced.postalCode,
      pickupTime: quoted.readyAt,
      vapiCallId: call.vapiCallId,
      notes: quoted.notes ?? null,
      allergies: quoted.allergies ?? null,
    }
    const inProgress = (order: OrderRow) =>
      refuse(
        'already_in_progress',
        `Order ${order.number} from this call is already ${order.status} in the kitchen, so it can't be ` +
          'changed now; offer to transfer the caller to the restaurant.',
      )
    const existing = call.vapiCallId ? await orders.findCallOrder(call.vapiCallId) : undefined
    if (existing?.status === 'awaiting_payment')
      return refuse(
        'awaiting_payment',
        `Order ${existing.number} from this call is waiting for its payment by the link we texted, so it ` +
          "can't be changed now; offer to transfer the caller to the restaurant.",
      )
    if (existing && existing.status !== 'new') return inProgress(existing)
    if (existing) {
      const order = await orders.replaceNew(existing.id, values)
      if (!order) return inProgress({ ...existing, status: 'accepted' })
      await activity?.record(tx, { restaurantId, type: 'order.updated', data: formatOrderForApi(order) })
      return { ...quoted, order, replaced: true }
    }
    // Placed at the call's moment (the message's time), which is what daily insights count by.
    if (needsLink) {
      // Not the kitchen's yet: it sees the order once paid (the Stripe webhook) or turned pay-at-pickup.
      const order = await orders.insert({
        ...values,
        status: 'awaiting_payment',
        paymentStatus: 'pending',
        paymentExpiresAt: new Date(call.now.getTime() + expireMinutesOf(quoted.payments) * 60_000),
        createdAt: call.now,
      })
      await createPaymentsRepository({ db: tx, restaurantId }).scheduleTimers(
        order.id,
        paymentTimers(call.now, quoted.payments),
      )
      return { ...quoted, order, replaced: false }
    }
    const order = await orders.insert({ ...values, createdAt: call.now })
    await releaseToKitchen(tx, activity, order)
    return { ...quoted, order, replaced: false }
  })
  if (!isRefusal(placed)) activity?.kick()
  return placed
}

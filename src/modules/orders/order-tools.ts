import type { FastifyBaseLogger } from 'fastify'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { SmsSender } from '../../infra/twilio/twilio-sms.ts'
import { speakMoney } from '../../shared/money.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import type { KnowledgeSearch } from '../knowledge/knowledge-search.usecases.ts'
import type { Payments } from '../payments/payments.service.ts'
import type { ActionToolRegistry, ToolContext } from '../vapi/tools.types.ts'
import type { CatalogCache } from './catalog-cache.ts'
import { offerClosestItems } from './order-alternatives.usecases.ts'
import { customerNameOf } from './order-arguments.models.ts'
import { isRefusal, type Refusal, refuse } from './order-refusals.models.ts'
import { sendOrderConfirmation } from './order-sms.usecases.ts'
import { speakLine, speakNotes, speakTotals } from './order-speech.models.ts'
import { loadCatalog, type Placed, placeOrder, type Quoted, quoteOrder } from './order-taking.usecases.ts'

const refused = (refusal: Refusal): ToolAnswer => ({
  result: refusal.message,
  metadata: { outcome: 'refused', reason: refusal.refusal, ...refusal.details },
})

const readyLine = ({ priced, readySpoken }: Quoted) =>
  `ready for ${priced.fulfillment === 'delivery' ? 'delivery' : 'pickup'} ${readySpoken}`

function quotedAnswer(quoted: Quoted): ToolAnswer {
  const { priced } = quoted
  const lines = priced.lines.map((line) => speakLine(line, priced.currency)).join('; ')
  const fee = priced.fulfillment === 'delivery' && priced.deliveryFeeCents === 0 ? ', free delivery' : ''
  return {
    result:
      `${speakNotes(quoted)}${lines}. ${capitalise(speakTotals(priced))}${fee}; ${readyLine(quoted)}. ` +
      'Read this back, allergies and notes first, and ask the caller to confirm before placing the order.',
    metadata: {
      outcome: 'quoted',
      subtotal: priced.subtotalCents / 100,
      delivery_fee: priced.deliveryFeeCents / 100,
      tax: priced.taxCents / 100,
      total: priced.totalCents / 100,
      ready_at: quoted.readyAt.toISOString(),
    },
  }
}

function placedAnswer(placed: Placed): ToolAnswer {
  const { order } = placed
  return {
    result:
      `Order number ${order.number} is ${placed.replaced ? 'updated' : 'placed'}: the total is ` +
      `${speakMoney(order.totalCents, order.currency)}, ${readyLine(placed)}.`,
    metadata: {
      outcome: placed.replaced ? 'replaced' : 'placed',
      order_id: order.id,
      number: order.number,
      total: order.totalCents / 100,
      ready_at: placed.readyAt.toISOString(),
    },
  }
}

/** The order waits for its payment: the caller is told the link was texted and when it starts. */
function awaitingPaymentAnswer(placed: Placed, texted: boolean): ToolAnswer {
  const { order } = placed
  const link = texted
    ? 'I have texted a payment link to the number you are calling from'
    : 'the payment link could not be texted just now; the restaurant can send it again'
  return {
    result:
      `Order number ${order.number} comes to ${speakMoney(order.totalCents, order.currency)}: ${link}. ` +
      `The order goes to the kitchen as soon as it is paid, and is then ${readyLine(placed)}.`,
    metadata: {
      outcome: 'awaiting_payment',
      order_id: order.id,
      number: order.number,
      total: order.totalCents / 100,
      texted,
    },
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** quote_order and place_order; an SMS confirmation goes out after the order is committed, never failing it. */
export function createOrderToolHandlers({
  database,
  sms,
  logger,
  activity,
  catalogCache,
  search,
  payments,
}: {
  database: DatabaseHandle
  sms: SmsSender | undefined
  /** Payment links (Stripe); without them every order is paid at pickup. */
  payments?: Pick<Payments, 'startPayment'>
  activity?: ActivityRecorder
  logger: FastifyBaseLogger
  /** Quotes read the menu, zones and settings from it; placing always reads the database. */
  catalogCache?: CatalogCache
  /** The menu search, to offer the closest dishes for one the menu lacks. */
  search?: KnowledgeSearch['search']
}) {
  const pending = new Set<Promise<void>>()
  const call = (context: ToolContext, args: Record<string, unknown>) => ({
    restaurant: context.restaurant,
    args,
    now: context.now,
  })
  // After the order's own transaction, which a search must not run inside (one PGlite connection).
  const refusedWithAlternatives = async (refusal: Refusal, context: ToolContext) => {
    if (refusal.refusal !== 'unknown_item') return refused(refusal)
    const restaurantId = context.restaurant.id
    const { catalog } = await loadCatalog(database, restaurantId, catalogCache)
    const offered = await offerClosestItems({
      refusal,
      search,
      restaurantId,
      items: catalog.items,
      now: context.now,
      logger,
    })
    return refused(offered)
  }
  const handlers: Pick<ActionToolRegistry, 'quote_order' | 'place_order'> = {
    async quote_order({ arguments: args, context }) {
      const quoted = await quoteOrder(database, call(context, args), catalogCache)
      return isRefusal(quoted) ? refusedWithAlternatives(quoted, context) : quotedAnswer(quoted)
    },
    async place_order({ arguments: args, context }) {
      const placed = await placeOrder(
        database,
        {
          ...call(context, args),
          vapiCallId: context.vapiCallId,
          callerNumber: context.callerNumber ?? null,
          customerName: customerNameOf(args),
        },
        activity,
        { paymentLinks: Boolean(payments && sms) },
      )
      if (isRefusal(placed)) return refusedWithAlternatives(placed, context)
      if (payments && placed.order.status === 'awaiting_payment') {
        const started = await payments.startPayment(placed.order)
        if (!started.linked)
          return refused(
            refuse(
              'payment_unavailable',
              'The payment link could not be made just now, so the order is not placed; offer to try again ' +
                'in a minute or to transfer the caller to the restaurant.',
            ),
          )
        return awaitingPaymentAnswer(placed, started.texted)
      }
      if (sms) {
        const sending = sendOrderConfirmation({ database, sms, restaurant: context.restaurant, placed, logger })
        pending.add(sending)
        void sending.finally(() => pending.delete(sending))
      }
      return placedAnswer(placed)
    },
  }
  return {
    handlers,
    /** Waits for confirmations still being sent (on close). */
    drain: async () => {
      await Promise.allSettled([...pending])
    },
  }
}

import type { Config } from '../../config.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { createSecretBox, DEV_SECRETS_KEY } from '../../shared/encryption.ts'
import type { Clock, RestaurantEvents } from '../../shared/events.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import type { Notifier } from '../notify/notify.types.ts'
import { pushDueOrders, queuePlacedOrders, type RefusalNotifier } from './pos-order-push.usecases.ts'
import { createSquareProvider } from './square/square.provider.ts'

export type PosLogger = { error(object: Record<string, unknown>, message: string): void }

export type PosServiceDeps = {
  config: Pick<Config, 'env' | 'square' | 'secretsKey'>
  database: DatabaseHandle
  clock: Clock
  restaurantEvents: RestaurantEvents
  activity: ActivityRecorder
  logger: PosLogger
  /** Tells the restaurant's people (issue 28's notifier): a refused order is news for them. */
  notify: Pick<Notifier, 'tellRestaurant'>
  pollMs?: number
}

/**
 * The point-of-sale integration: Square as the provider, tokens sealed with SECRETS_KEY, and a
 * poller on every instance that queues placed orders from the outbox and pushes the due ones.
 */
export function createPosService(deps: PosServiceDeps) {
  const { config, logger } = deps
  const secretsKey = config.secretsKey ?? (config.env === 'production' ? undefined : DEV_SECRETS_KEY)
  // Production without SECRETS_KEY starts, but refuses to store a token (nothing to seal it with).
  const box = createSecretBox(secretsKey ?? DEV_SECRETS_KEY)
  const provider = createSquareProvider(config.square)
  const notifyRefusal: RefusalNotifier = async ({ restaurantId, orderId, orderNumber, reason }) => {
    logger.error({ restaurantId, orderId, reason }, 'the point of sale refused an order')
    await deps.notify.tellRestaurant(restaurantId, {
      subject: `Order ${orderNumber} is not in Square`,
      text: `Square refused phone order ${orderNumber}: ${reason}. Enter it by hand; it is on the Orders page.`,
    })
  }
  const context = { ...deps, box, provider, notifyRefusal }
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let lastFailure = 0
  const tick = () => {
    if (running) return running
    running = (async () => {
      try {
        await queuePlacedOrders(context)
        while ((await pushDueOrders(context)) > 0) {}
      } catch (error) {
        if (Date.now() - lastFailure > 60_000)
          logger.error({ err: error }, 'pushing orders to the POS failed; retrying')
        lastFailure = Date.now()
      } finally {
        running = undefined
      }
    })()
    return running
  }
  return {
    context,
    canStoreTokens: secretsKey !== undefined,
    /** Pushes what is due now (also run by the poller); resolves when this pass ends. */
    tick,
    start() {
      if (timer) return
      timer = setInterval(tick, deps.pollMs ?? 500)
      timer.unref()
    },
    async close() {
      clearInterval(timer)
      timer = undefined
      await running
    },
  }
}
export type PosService = ReturnType<typeof createPosService>

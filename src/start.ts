import 'dotenv/config'
import { watchLauncher } from './app/launcher-watch.ts'
import { createLogger } from './app/logger.ts'
import { type AppInstance, createServer } from './app/server.ts'
import { buildServices, openDatabase } from './app/services.ts'
import { ConfigError, loadConfig } from './config.ts'
import { DataDirLockedError } from './infra/db/data-dir-lock.ts'
import type { DatabaseHandle } from './infra/db/database.ts'
import type { Accounts } from './modules/accounts/accounts.service.ts'
import { offerFirstOperatorSetup } from './modules/accounts/first-operator.usecases.ts'
import { countLinkModeRestaurants } from './modules/payments/payment-settings.usecases.ts'

async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const logger = createLogger(config)
  if (config.devSecrets.length > 0)
    logger.warn(
      { variables: config.devSecrets, host: config.host },
      'using the well-known development keys: serving this machine only; set these variables to serve others',
    )

  // Stopping is wired before anything opens: a signal during start-up still closes the database.
  let database: DatabaseHandle | undefined
  let app: AppInstance | undefined
  let stopping = false
  let starting: Promise<void> = Promise.resolve()
  const stop = async (reason: string) => {
    if (stopping) return
    stopping = true
    logger.info({ reason }, 'shutting down')
    // What is being opened (a new database takes seconds) is opened, then closed.
    await starting.catch(() => {})
    const timer = setTimeout(() => process.exit(1), 10_000).unref()
    // The app drains its requests, then closes its services and the database (releasing DATA_DIR).
    if (app) await app.close()
    else await database?.close()
    clearTimeout(timer)
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
  watchLauncher(() => void stop('the process that started the server exited'))

  const startUp = async () => {
    try {
      database = await openDatabase(config, logger)
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(error.message)
        process.exit(1)
      }
      throw error
    }
    if (stopping) return
    // Restaurants that take payments by link need Stripe: production refuses to start without its key.
    const linkModes = config.stripeSecretKey ? 0 : await countLinkModeRestaurants(database)
    if (linkModes > 0 && config.env === 'production') {
      console.error(
        `${linkModes} restaurant(s) take payments by link (settings.payments.mode), and STRIPE_SECRET_KEY is not set`,
      )
      await database.close()
      process.exit(1)
    }
    if (linkModes > 0) logger.warn({ restaurants: linkModes }, 'payment links configured but no STRIPE_SECRET_KEY')
    const deps = buildServices({ config, database, logger })
    app = await createServer(deps, { loggerInstance: logger })
    if (stopping) return
    await app.listen({ port: config.port, host: config.host })
    await printFirstOperatorSetup(deps.accounts)
    // Documents a crash or a provider outage left without vectors answer lexically until embedded;
    // after a change of EMBEDDING_MODEL every restaurant moves onto it in the background.
    const modelSwitch = deps.knowledge.startModelSwitch()
    deps.closers.push(() => modelSwitch.stop())
  }
  starting = startUp()
  await starting
}

/**
 * On a new install (no operator yet): a one-time setup link, printed to this console only, never
 * logged, since whoever opens it becomes the operator. The sign-in page says to look here.
 */
async function printFirstOperatorSetup(accounts: Accounts) {
  const setup = await offerFirstOperatorSetup({ accounts })
  if (!setup) return
  console.log(
    [
      '',
      'No operator account exists yet. To create the first one, open this setup link',
      `(it works once, until ${setup.expires_at}; each start prints a new one while no operator exists):`,
      '',
      `    ${setup.url}`,
      '',
    ].join('\n'),
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

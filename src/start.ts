import 'dotenv/config'
import { createLogger } from './app/logger.ts'
import { createServer } from './app/server.ts'
import { buildServices, openDatabase } from './app/services.ts'
import { ConfigError, loadConfig } from './config.ts'
import { DataDirLockedError } from './infra/db/data-dir-lock.ts'

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

  const database = await openDatabase(config, logger).catch((error) => {
    // Another process holds DATA_DIR: its pid and command say which one to stop.
    if (!(error instanceof DataDirLockedError)) throw error
    console.error(error.message)
    process.exit(1)
  })
  const deps = await buildServices({ config, database, logger })
  const app = await createServer(deps, { loggerInstance: logger })

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    logger.info({ signal }, 'shutting down')
    const timer = setTimeout(() => process.exit(1), 10_000).unref()
    await app.close()
    clearTimeout(timer)
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  // Documents a crash or a provider outage left without vectors answer lexically until embedded;
  // after a change of EMBEDDING_MODEL every restaurant moves onto it in the background.
  const modelSwitch = deps.knowledge.startModelSwitch()
  deps.closers.push(() => modelSwitch.stop())
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

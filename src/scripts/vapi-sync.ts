import 'dotenv/config'
import { openDatabase } from '../app/services.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { migrate } from '../infra/db/migrate.ts'
import { createVapiClient, describeVapiError } from '../infra/vapi/vapi-client.ts'
import { syncSharedAssistant } from '../modules/vapi-sync/vapi-sync.usecases.ts'

// `npm run vapi:sync`: creates or updates the shared assistant and its four tools in Vapi from
// config/vapi/*.yaml, pointed at PUBLIC_BACKEND_URL with the webhook secret. Safe to re-run:
// what is already as configured is left alone. The assistant id is stored in the database,
// where assistant-request reads it. With the embedded database, stop the server first (PGlite
// is single-process).
async function main() {
  const config = loadConfig()
  const missing = (['VAPI_API_KEY', 'PUBLIC_BACKEND_URL'] as const).filter(
    (name) => !(name === 'VAPI_API_KEY' ? config.vapiApiKey : config.publicBackendUrl),
  )
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name} is required for vapi:sync`))
  if (config.devSecrets.includes('VAPI_SECRET_KEY'))
    console.warn('warning: VAPI_SECRET_KEY is unset; Vapi will send the well-known development secret')

  const database = await openDatabase(config)
  try {
    await migrate(database)
    const vapi = createVapiClient({
      apiKey: config.vapiApiKey!,
      baseUrl: config.vapiBaseUrl,
      timeoutSeconds: 30,
      maxRetries: config.vapiMaxRetries,
    })
    const { resources, assistantId } = await syncSharedAssistant({
      database,
      vapi,
      server: { url: `${config.publicBackendUrl}/api/vapi/server`, secret: config.vapiSecretKey },
    })
    for (const r of resources) console.log(`${r.kind.padEnd(9)} ${r.name.padEnd(24)} ${r.action.padEnd(9)} ${r.id}`)
    const writes = resources.filter((r) => r.action !== 'unchanged').length
    console.log(
      writes === 0
        ? `Vapi is up to date; shared assistant ${assistantId}`
        : `${writes} change(s) written; shared assistant ${assistantId}`,
    )
  } finally {
    await database.close()
  }
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message)
  else if (error?.constructor?.name?.startsWith('Vapi'))
    console.error(`vapi:sync failed: ${describeVapiError(error).message}`)
  else console.error(error)
  process.exit(1)
})

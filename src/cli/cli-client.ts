import { pino } from 'pino'
import { LOG_REDACT } from '../app/logger.ts'
import { createServer } from '../app/server.ts'
import { buildServices, openDatabase } from '../app/services.ts'
import { loadConfig } from '../config.ts'

export type ApiResponse = { status: number; body: any }

/**
 * How the CLI reaches the application: the routes themselves, with the operator key, either
 * in this process (the app built as start.ts builds it, on the configured database, no port) or
 * on a running server over HTTP. Either way there is one implementation: the route's.
 */
export type ApiClient = {
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResponse>
  close(): Promise<void>
}

/** The CLI cannot reach what it should talk to (exit code 3). */
export class UnreachableError extends Error {}

const parse = (text: string) => {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return { error: { message: text.slice(0, 500) } }
  }
}

/** The application in this process, on the database the environment configures (DATABASE_URL, else DATA_DIR). */
export async function openLocalClient(env: NodeJS.ProcessEnv = process.env): Promise<ApiClient> {
  // The CLI's stdout is its output: the services log their warnings to stderr.
  const config = { ...loadConfig(env), metricsEnabled: false }
  const logger = pino({ level: 'warn', redact: LOG_REDACT }, pino.destination(2))
  let database: Awaited<ReturnType<typeof openDatabase>>
  try {
    database = await openDatabase(config, logger)
  } catch (error) {
    const target = config.databaseUrl ? 'DATABASE_URL' : `DATA_DIR ${config.dataDir}`
    throw new UnreachableError(`cannot open the database (${target}): ${(error as Error).message}`)
  }
  const app = await createServer(buildServices({ config, database, logger }))
  await app.ready()
  const headers = { authorization: `Bearer ${config.adminApiKey}` }
  return {
    async request(method, path, body) {
      const response = await app.inject({
        method,
        url: path,
        headers,
        ...(body === undefined ? {} : { payload: body as object }),
      })
      return { status: response.statusCode, body: parse(response.body) }
    },
    close: () => app.close(),
  }
}

/** A running server, with the operator key. */
export function openRemoteClient({ url, key }: { url: string; key: string }): ApiClient {
  const base = url.replace(/\/+$/, '')
  return {
    async request(method, path, body) {
      let response: Response
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${key}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
        throw new UnreachableError(`cannot reach ${base}: ${cause}`)
      }
      return { status: response.status, body: parse(await response.text()) }
    },
    close: async () => {},
  }
}

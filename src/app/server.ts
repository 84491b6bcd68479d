import { randomUUID } from 'node:crypto'
import cookie from '@fastify/cookie'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import { SESSION_COOKIE } from '../modules/accounts/accounts.service.ts'
import { registerAuditLog } from '../modules/accounts/audit.hook.ts'
import { vapiSecretCheck } from '../modules/vapi/vapi-auth.ts'
import { createCallerResolver } from '../shared/auth.ts'
import type { AppInstance } from '../shared/http.ts'
import { errorHandler, frameworkErrorHandler } from './error-handler.ts'
import { setupHealthRoutes } from './health.routes.ts'
import { assertNoNul, withoutNul } from './input-safety.ts'
import { logSerializers } from './log-serializers.ts'
import { LOG_REDACT } from './logger.ts'
import { setupMetrics } from './metrics.routes.ts'
import { registerRateLimit } from './rate-limit.ts'
import { registerRights } from './rights.ts'
import { setupRoutes } from './server.routes.ts'
import type { AppDeps } from './services.ts'
import { createValidatorCompiler } from './validation.ts'

export type { AppInstance }

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export { LOG_REDACT }

export type ServerOptions = {
  /** Logger options; false (no logs) in tests. */
  logger?: boolean | Record<string, unknown>
  /** A pino logger to use instead (start.ts shares its own; see createLogger). */
  loggerInstance?: FastifyBaseLogger
}

/** Builds the whole HTTP application from its dependencies, without listening. */
export async function createServer(
  deps: AppDeps,
  { logger = false, loggerInstance }: ServerOptions = {},
): Promise<AppInstance> {
  const app = Fastify({
    ...(loggerInstance
      ? { loggerInstance }
      : {
          logger:
            logger === false
              ? false
              : {
                  level: deps.config.logLevel,
                  redact: LOG_REDACT,
                  ...(logger === true ? {} : logger),
                  serializers: logSerializers,
                },
        }),
    bodyLimit: deps.config.bodyLimitBytes,
    requestTimeout: 30_000,
    // Vapi and load balancers retry with their own ids; echo a well-formed one, else make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    trustProxy: true,
    frameworkErrors: frameworkErrorHandler,
    ajv: { customOptions: {} },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(createValidatorCompiler())
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'route_not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
        request_id: request.id,
      },
    }),
  )
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  // Before validation, after authentication: API input with a NUL is a client error; Vapi's
  // messages are kept, without the NULs, because a call report must not be lost to one byte.
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/api/vapi/')) request.body = withoutNul(request.body)
    else assertNoNul({ body: request.body, querystring: request.query, params: request.params })
  })
  // This instance starts delivering activity once it serves, and stops before the database closes.
  app.addHook('onReady', async () => {
    deps.activity.start()
    deps.notify.start()
  })
  app.addHook('onClose', async () => {
    await deps.activity.close()
    await deps.notify.close()
    for (const close of [...deps.closers].reverse()) await close()
  })

  // The plugin's own hook writes the cookies replies set (its 11.1.0, the last for Node 20, does so
  // only with a hook); a request without a Cookie header, as webhooks are, costs it one lookup.
  await app.register(cookie, { hook: 'onRequest' })
  const resolveCaller = createCallerResolver({
    db: deps.database.db,
    adminApiKey: deps.config.adminApiKey,
    accounts: deps.accounts,
  })
  await registerRateLimit(app, {
    perMinute: deps.config.rateLimitPerMinute,
    resolveCaller,
    hasVapiSecret: vapiSecretCheck(deps.config.vapiSecretKey),
  })

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Restaurant voice backend',
        version: '0.1.0',
        description: 'The brain of a shared Vapi.ai restaurant phone assistant.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          vapiSecret: { type: 'apiKey', in: 'header', name: 'X-Vapi-Secret' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })

  setupMetrics(app, deps)
  registerRights(app, deps.database.db)
  registerAuditLog(app, deps.database)
  setupHealthRoutes(app, deps)
  await setupRoutes(app, deps, { resolveCaller })
  return app
}

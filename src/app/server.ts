import { randomUUID } from 'node:crypto'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify'
import { SESSION_COOKIE } from '../modules/accounts/accounts.service.ts'
import { registerAuditLog } from '../modules/accounts/audit.hook.ts'
import { sha256 } from '../shared/secrets.ts'
import { bearerToken, createCallerResolver, sessionCookieOf } from './auth.ts'
import { errorHandler, frameworkErrorHandler } from './error-handler.ts'
import { setupHealthRoutes } from './health.routes.ts'
import { assertNoNul, withoutNul } from './input-safety.ts'
import { logSerializers } from './log-serializers.ts'
import { registerRights } from './rights.ts'
import { setupRoutes } from './server.routes.ts'
import type { AppDeps } from './services.ts'
import { createValidatorCompiler } from './validation.ts'

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers["x-vapi-secret"]',
  'req.headers["x-signature"]',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
]

export type ServerOptions = {
  /** A pino logger or logger options; false in tests. */
  logger?: boolean | Record<string, unknown>
}

/** Builds the whole HTTP application from its dependencies, without listening. */
export async function createServer(deps: AppDeps, { logger = false }: ServerOptions = {}): Promise<AppInstance> {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            level: deps.config.logLevel,
            redact: LOG_REDACT,
            ...(logger === true ? {} : logger),
            serializers: logSerializers,
          },
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
  app.addHook('onClose', async () => {
    for (const close of [...deps.closers].reverse()) await close()
  })

  // The two configured secrets carry almost every request (each webhook): their keys are hashed once.
  const credentialKey = (credential: string) => `key:${sha256(credential).slice(0, 32)}`
  // Cookies are parsed only where a session is looked for (auth.ts), not on every webhook.
  await app.register(cookie, { hook: false })
  const knownKeys = new Map(
    [deps.config.vapiSecretKey, deps.config.adminApiKey].map((secret) => [secret, credentialKey(secret)]),
  )
  await app.register(rateLimit, {
    max: deps.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Keyed by credential, not IP: every Vapi webhook comes from a few addresses, and one
    // restaurant's integration must not throttle another's.
    keyGenerator: (request) => {
      const credential = bearerToken(request) ?? request.headers['x-vapi-secret'] ?? sessionCookieOf(request)
      if (typeof credential !== 'string') return `ip:${request.ip}`
      return knownKeys.get(credential) ?? credentialKey(credential)
    },
    errorResponseBuilder: (request, context) =>
      Object.assign(new Error(`Rate limit exceeded, retry in ${context.after}`), { statusCode: 429 }),
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

  const resolveCaller = createCallerResolver({
    db: deps.database.db,
    adminApiKey: deps.config.adminApiKey,
    accounts: deps.accounts,
  })
  registerRights(app, deps.database.db)
  registerAuditLog(app, deps.database)
  setupHealthRoutes(app, deps)
  await setupRoutes(app, deps, { resolveCaller })
  return app
}

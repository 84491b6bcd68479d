import path from 'node:path'
import type { OutboundPolicy } from './infra/outbound/address-policy.ts'

/**
 * Configuration, read once from the environment at start-up (and from `.env` by start.ts).
 * Everything below receives this typed object; nothing else reads `process.env`.
 */
export type Config = {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  databaseUrl: string | undefined
  databasePoolSize: number
  databaseSsl: boolean
  dataDir: string
  vapiSecretKey: string
  /** When set, webhooks must also carry Vapi's HMAC signature (x-signature / x-timestamp). */
  vapiWebhookHmacSecret: string | undefined
  adminApiKey: string
  /**
   * Names of secrets that fell back to the well-known development defaults. While there is one,
   * HOST defaults to loopback and a non-loopback HOST is refused.
   */
  devSecrets: string[]
  embeddingProvider: 'openai' | 'local'
  openaiApiKey: string | undefined
  openaiBaseUrl: string | undefined
  embeddingModel: string
  /** EMBEDDING_DIMENSIONS: a shorter vector, for models that take the `dimensions` parameter. */
  embeddingDimensions: number | undefined
  /** Inputs per request at most (halved on its own when a server refuses a batch as too large). */
  embeddingBatchSize: number
  /** Per request to the embeddings server while indexing (local servers on a CPU are slow). */
  embeddingTimeoutSeconds: number
  cacheTtlSeconds: number
  redisUrl: string | undefined
  vapiApiKey: string | undefined
  vapiBaseUrl: string
  /** Per request to Vapi's REST API; provisioning runs inside an API request, so keep it short. */
  vapiTimeoutSeconds: number
  vapiMaxRetries: number
  publicBackendUrl: string | undefined
  twilioAccountSid: string | undefined
  twilioAuthToken: string | undefined
  twilioApiBaseUrl: string
  twilioCountry: string
  twilioAreaCode: string | undefined
  twilioTimeoutSeconds: number
  callRetentionDays: number | undefined
  bodyLimitBytes: number
  rateLimitPerMinute: number
  logLevel: string
  /** GET /metrics and the measurements behind it (METRICS_ENABLED, default on). */
  metricsEnabled: boolean
  /** A bearer token that opens GET /metrics only (the operator key opens it too). */
  metricsToken: string | undefined
  /** A tool answer slower than this logs its stages (cache, embed, search, rank). */
  slowToolMs: number
  /** Where people open the dashboard: the base of invite and password-reset links. */
  publicAppUrl: string | undefined
  /** A point of sale (Square): the platform's application, its API and its webhook signature key. */
  square: { applicationId?: string; applicationSecret?: string; baseUrl: string; webhookSignatureKey?: string }
  /** Encrypts stored integration tokens (AES-256-GCM); a development key stands in outside production. */
  secretsKey: string | undefined
  /** smtp:// or smtps:// URL; with mailFrom, invites and reset links are mailed. */
  smtpUrl: string | undefined
  mailFrom: string | undefined
  /** A session unused this long ends. */
  sessionIdleMinutes: number
  /** A session ends this long after sign-in, however much it is used. */
  sessionMaxHours: number
  /**
   * OUTBOUND_ALLOW_LOOPBACK: URLs set by restaurant owners (the order webhook) may point at this
   * machine (127.0.0.0/8, ::1). On by default in development and tests, where receivers run
   * locally; production refuses to start with it. Private and link-local addresses are refused always.
   */
  outboundAllowLoopback: boolean
  /** Payment links (Stripe Checkout); without a key no restaurant may use a link mode. Never logged. */
  stripeSecretKey: string | undefined
  /** Verifies POST /api/payments/stripe/webhook (Stripe-Signature). */
  stripeWebhookSecret: string | undefined
  /** STRIPE_API_URL: where the official SDK sends its requests (tests point it at a fake). */
  stripeApiUrl: string
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
  }
}

/** Well-known keys so that `npm start` works out of the box; production refuses them. */
export const DEV_ADMIN_API_KEY = 'local-dev-admin-key'
export const DEV_VAPI_SECRET_KEY = 'local-dev-vapi-secret'

type Env = Record<string, string | undefined>

/** Where the server listens while the development keys are in use (HOST unset). */
export const LOOPBACK_HOST = '127.0.0.1'

/** Whether `host` (a HOST value) is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '')
  return name === 'localhost' || name === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(name)
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const str = (name: string) => {
    const value = env[name]?.trim()
    return value ? value : undefined
  }
  const int = (name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) => {
    const raw = str(name)
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
      return fallback
    }
    return value
  }
  const url = (name: string, fallback?: string) => {
    const raw = str(name) ?? fallback
    if (raw === undefined) return undefined
    try {
      new URL(raw)
    } catch {
      problems.push(`${name} must be a URL, got "${raw}"`)
    }
    return raw.replace(/\/+$/, '')
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = str(name)
    if (raw === undefined) return fallback
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`)
      return fallback
    }
    return raw as T
  }

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development')
  const openaiApiKey = str('OPENAI_API_KEY')
  const embeddingProvider = oneOf('EMBEDDING_PROVIDER', ['openai', 'local'] as const, openaiApiKey ? 'openai' : 'local')
  // Local servers (Ollama, vLLM, LM Studio) need no key: OPENAI_BASE_URL alone is enough.
  if (embeddingProvider === 'openai' && !openaiApiKey && !str('OPENAI_BASE_URL'))
    problems.push('EMBEDDING_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)')
  const dimensions = str('EMBEDDING_DIMENSIONS')
  const retention = str('CALL_RETENTION_DAYS')
  const devSecrets = ['VAPI_SECRET_KEY', 'ADMIN_API_KEY'].filter((name) => !str(name))

  const config: Config = {
    env: nodeEnv,
    port: int('PORT', 8000, { max: 65535 }),
    host: str('HOST') ?? (devSecrets.length > 0 ? LOOPBACK_HOST : '0.0.0.0'),
    databaseUrl: url('DATABASE_URL'),
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, { min: 1, max: 500 }),
    databaseSsl: oneOf('DATABASE_SSL', ['true', 'false'] as const, 'false') === 'true',
    dataDir: path.resolve(str('DATA_DIR') ?? './data'),
    vapiSecretKey: str('VAPI_SECRET_KEY') ?? DEV_VAPI_SECRET_KEY,
    vapiWebhookHmacSecret: str('VAPI_WEBHOOK_HMAC_SECRET'),
    adminApiKey: str('ADMIN_API_KEY') ?? DEV_ADMIN_API_KEY,
    devSecrets,
    embeddingProvider,
    openaiApiKey,
    openaiBaseUrl: url('OPENAI_BASE_URL'),
    embeddingModel: str('EMBEDDING_MODEL') ?? 'text-embedding-3-small',
    embeddingDimensions: dimensions === undefined ? undefined : int('EMBEDDING_DIMENSIONS', 0, { min: 1, max: 16_000 }),
    embeddingBatchSize: int('EMBEDDING_BATCH_SIZE', 256, { min: 1, max: 2048 }),
    embeddingTimeoutSeconds: int('EMBEDDING_TIMEOUT_SECONDS', 60, { min: 1, max: 600 }),
    cacheTtlSeconds: int('CACHE_TTL_SECONDS', 60, { max: 86_400 }),
    redisUrl: url('REDIS_URL'),
    vapiApiKey: str('VAPI_API_KEY'),
    vapiBaseUrl: url('VAPI_BASE_URL', 'https://api.vapi.ai')!,
    vapiTimeoutSeconds: int('VAPI_TIMEOUT_SECONDS', 10, { min: 1, max: 120 }),
    vapiMaxRetries: int('VAPI_MAX_RETRIES', 1, { max: 5 }),
    publicBackendUrl: url('PUBLIC_BACKEND_URL'),
    twilioAccountSid: str('TWILIO_ACCOUNT_SID'),
    twilioAuthToken: str('TWILIO_AUTH_TOKEN'),
    twilioApiBaseUrl: url('TWILIO_API_BASE_URL', 'https://api.twilio.com')!,
    twilioCountry: str('TWILIO_COUNTRY') ?? 'US',
    twilioAreaCode: str('TWILIO_AREA_CODE'),
    twilioTimeoutSeconds: int('TWILIO_TIMEOUT_SECONDS', 10, { min: 1, max: 120 }),
    callRetentionDays: retention === undefined ? undefined : int('CALL_RETENTION_DAYS', 0, { min: 1, max: 36_500 }),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1_048_576, { min: 1024, max: 50 * 1_048_576 }),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 6000, { min: 1 }),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    metricsEnabled: oneOf('METRICS_ENABLED', ['true', 'false'] as const, 'true') === 'true',
    metricsToken: str('METRICS_TOKEN'),
    slowToolMs: int('SLOW_TOOL_MS', 50, { max: 600_000 }),
    publicAppUrl: url('PUBLIC_APP_URL'),
    square: {
      applicationId: str('SQUARE_APPLICATION_ID'),
      applicationSecret: str('SQUARE_APPLICATION_SECRET'),
      baseUrl: url('SQUARE_BASE_URL', 'https://connect.squareup.com')!,
      webhookSignatureKey: str('SQUARE_WEBHOOK_SIGNATURE_KEY'),
    },
    secretsKey: str('SECRETS_KEY'),
    smtpUrl: str('SMTP_URL'),
    mailFrom: str('MAIL_FROM'),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 720, { min: 1, max: 525_600 }),
    sessionMaxHours: int('SESSION_MAX_HOURS', 168, { min: 1, max: 8_760 }),
    outboundAllowLoopback:
      oneOf('OUTBOUND_ALLOW_LOOPBACK', ['true', 'false'] as const, nodeEnv === 'production' ? 'false' : 'true') ===
      'true',
    stripeSecretKey: str('STRIPE_SECRET_KEY'),
    stripeWebhookSecret: str('STRIPE_WEBHOOK_SECRET'),
    stripeApiUrl: url('STRIPE_API_URL', 'https://api.stripe.com')!,
  }

  if (config.env === 'production') {
    for (const name of config.devSecrets) problems.push(`${name} is required when NODE_ENV=production`)
    if (config.outboundAllowLoopback)
      problems.push('OUTBOUND_ALLOW_LOOPBACK=true is for development and tests; production refuses it')
  }
  // The development keys are public (they are in the README): they never leave this machine.
  if (devSecrets.length > 0 && !isLoopbackHost(config.host))
    problems.push(
      `HOST=${config.host} would serve the well-known development ${devSecrets.join(' and ')} to the network: ` +
        `set ${devSecrets.join(' and ')} (16 characters or more), or listen on loopback (HOST=${LOOPBACK_HOST})`,
    )
  for (const name of ['VAPI_SECRET_KEY', 'ADMIN_API_KEY', 'METRICS_TOKEN'] as const) {
    const value = str(name)
    if (value !== undefined && value.length < 16) problems.push(`${name} must be at least 16 characters`)
  }
  // The URL may hold the SMTP password: the message names the problem, not the value.
  if (config.smtpUrl && !/^smtps?:\/\/[^/]/.test(config.smtpUrl))
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL')
  if (Boolean(config.smtpUrl) !== Boolean(config.mailFrom)) problems.push('SMTP_URL and MAIL_FROM must be set together')
  if (config.mailFrom && !/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(config.mailFrom))
    problems.push(`MAIL_FROM must be an email address (optionally "Name <address>"), got "${config.mailFrom}"`)
  if (config.stripeSecretKey && !config.stripeWebhookSecret)
    problems.push('STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET: payments are confirmed by its signed webhook')
  if (config.sessionIdleMinutes > config.sessionMaxHours * 60)
    problems.push('SESSION_IDLE_MINUTES must not exceed SESSION_MAX_HOURS')
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}

/** What owner-set URLs may reach: https only in production, loopback only where the config allows it. */
export const outboundPolicyOf = (config: Pick<Config, 'env' | 'outboundAllowLoopback'>): OutboundPolicy => ({
  allowLoopback: config.outboundAllowLoopback && config.env !== 'production',
  requireHttps: config.env === 'production',
})

/** Test and script helper: a config with sane defaults and the given overrides. */
export function overrideConfig(partial: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test' }), ...partial }
}

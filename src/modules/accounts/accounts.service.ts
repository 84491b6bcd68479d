import type { Logger } from 'pino'
import type { Config } from '../../config.ts'
import type { Cache } from '../../infra/cache/cache.types.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { Clock } from '../../shared/events.ts'
import { createMailer, type Mailer } from './mailer.ts'
import { createSessionStore, type SessionStore } from './sessions.ts'
import { createSignInLimiter, type SignInLimiter, type SignInLimits } from './sign-in-limiter.ts'

export const SESSION_COOKIE = 'rv_session'
export const INVITE_DAYS = 7
export const RESET_MINUTES = 60

/** What the account routes and the request authentication share. */
export type Accounts = {
  database: DatabaseHandle
  clock: Clock
  sessions: SessionStore
  limiter: SignInLimiter
  /** Password-reset requests per email and window, so nobody can flood an inbox. */
  resetLimiter: SignInLimiter
  mailer: Mailer
  logger: Logger
  secureCookies: boolean
  /** Origins allowed to send cookie-authenticated writes besides the server's own. */
  trustedOrigins: string[]
  links: { invite(token: string): string; reset(token: string): string }
}

export function createAccounts({
  config,
  database,
  cache,
  clock,
  logger,
  signInLimits,
}: {
  config: Config
  database: DatabaseHandle
  cache: Cache
  clock: Clock
  logger: Logger
  signInLimits?: SignInLimits
}): Accounts {
  // A process-local cache would keep serving a session another instance ended: sessions are
  // cached only in Redis, or in process when the embedded database means there is one process.
  const sessionCache = config.redisUrl || database.kind === 'pglite' ? cache : undefined
  const base = config.publicAppUrl ?? config.publicBackendUrl ?? `http://localhost:${config.port}`
  // Tokens travel in the fragment: browsers send it to no server, so it stays out of access logs and Referer.
  const link = (path: string) => (token: string) => `${base}/${path}#token=${token}`
  return {
    database,
    clock,
    sessions: createSessionStore({
      database,
      cache: sessionCache,
      clock,
      idleMinutes: config.sessionIdleMinutes,
      maxHours: config.sessionMaxHours,
    }),
    limiter: createSignInLimiter({ cache, clock, limits: signInLimits }),
    resetLimiter: createSignInLimiter({
      cache,
      clock,
      name: 'reset',
      limits: { perEmail: 3, perAddress: 20, windowSeconds: 900 },
    }),
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
    logger,
    secureCookies: config.env === 'production',
    trustedOrigins: [config.publicAppUrl, config.publicBackendUrl].flatMap((url) => (url ? [new URL(url).origin] : [])),
    links: { invite: link('accept-invite'), reset: link('reset-password') },
  }
}

import type { Cache } from '../../infra/cache/cache.types.ts'
import type { Clock } from '../../shared/events.ts'
import { sha256 } from '../../shared/secrets.ts'

export type SignInLimits = { perEmail: number; perAddress: number; windowSeconds: number }

/** 5 wrong passwords for one account, or 30 from one address, within 15 minutes: wait for the window. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perEmail: 5, perAddress: 30, windowSeconds: 15 * 60 }

export type SignInLimiter = ReturnType<typeof createSignInLimiter>

/**
 * Counts failed sign-ins per email and per client address in fixed windows, in the shared cache
 * (Redis when configured, so the limit holds across instances). A cache outage fails open: the
 * slow password hash still bounds guessing.
 */
export function createSignInLimiter({
  cache,
  clock,
  limits = DEFAULT_SIGN_IN_LIMITS,
  name = 'signin',
}: {
  cache: Cache
  clock: Clock
  limits?: SignInLimits
  /** Keeps the counters of different limits apart. */
  name?: string
}) {
  const windowMs = limits.windowSeconds * 1000
  const window = () => Math.floor(clock.now().getTime() / windowMs)
  // Emails are hashed so that the cache holds no address.
  const keys = ({ email, address }: { email: string; address: string }, at = window()) => [
    { key: `${name}:email:${sha256(email)}:${at}`, max: limits.perEmail },
    { key: `${name}:ip:${sha256(address)}:${at}`, max: limits.perAddress },
  ]
  const retryAfter = () => Math.max(1, Math.ceil(((window() + 1) * windowMs - clock.now().getTime()) / 1000))

  return {
    /** Seconds to wait when either counter is at its limit, else undefined. */
    async blocked(who: { email: string; address: string }): Promise<number | undefined> {
      for (const { key, max } of keys(who)) {
        const count = Number((await cache.get(key).catch(() => undefined)) ?? 0)
        if (count >= max) return retryAfter()
      }
      return undefined
    },

    async failed(who: { email: string; address: string }) {
      await Promise.all(keys(who).map(({ key }) => cache.increment(key, limits.windowSeconds + 1).catch(() => 0)))
    },

    /** A successful sign-in clears the account's count (not the address's). */
    async succeeded(who: { email: string; address: string }) {
      await cache.delete(keys(who)[0]!.key).catch(() => {})
    },
  }
}

import type { Cache } from '../../infra/cache/cache.types.ts'
import type { Clock } from '../../shared/events.ts'
import { sha256 } from '../../shared/secrets.ts'

export type SignInLimits = { perEmail: number; perAddress: number; windowSeconds: number }

/** 5 wrong passwords for one account, or 30 from one address, within 15 minutes: wait for the window. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perEmail: 5, perAddress: 30, windowSeconds: 15 * 60 }

type SlidingCount = { previous: number; current: number; elapsed: number }

export type SignInLimiter = ReturnType<typeof createSignInLimiter>

/**
 * Counts failed sign-ins per email and per client address in the shared cache (Redis when
 * configured, so the limit holds across instances), as a sliding window: the previous window's
 * count weighs by how much of it is still within the last `windowSeconds`. Fixed windows alone let
 * twice the limit through around a boundary. A cache outage fails open: the slow password hash
 * still bounds guessing.
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
  // Emails are hashed so that the cache holds no address.
  const subjects = ({ email, address }: { email: string; address: string }) => [
    { key: `${name}:email:${sha256(email)}`, max: limits.perEmail },
    { key: `${name}:ip:${sha256(address)}`, max: limits.perAddress },
  ]
  const count = async (key: string) => Number((await cache.get(key).catch(() => undefined)) ?? 0)

  /** Milliseconds until the sliding count of `previous` and `current` is below `max` again. */
  function waitMs({ previous, current, max, elapsed }: SlidingCount & { max: number }) {
    // The count is previous × (1 − elapsed) + current now, current × (1 − elapsed') in the next
    // window; a failure partly out of the window still counts whole, so each must reach max − 1.
    if (current < max) return (1 - (max - 1 - current) / previous - elapsed) * windowMs
    return (1 - elapsed) * windowMs + (1 - (max - 1) / current) * windowMs
  }

  return {
    /** Seconds to wait when either count is at its limit, else undefined. */
    async blocked(who: { email: string; address: string }): Promise<number | undefined> {
      const now = clock.now().getTime()
      const window = Math.floor(now / windowMs)
      const elapsed = (now - window * windowMs) / windowMs
      for (const { key, max } of subjects(who)) {
        const [previous, current] = await Promise.all([count(`${key}:${window - 1}`), count(`${key}:${window}`)])
        if (previous * (1 - elapsed) + current > max - 1)
          return Math.max(1, Math.ceil(waitMs({ previous, current, max, elapsed }) / 1000))
      }
      return undefined
    },

    async failed(who: { email: string; address: string }) {
      const window = Math.floor(clock.now().getTime() / windowMs)
      // Kept two windows: the next one still reads this one as its previous.
      await Promise.all(
        subjects(who).map(({ key }) =>
          cache.increment(`${key}:${window}`, 2 * limits.windowSeconds + 1).catch(() => 0),
        ),
      )
    },

    /** A successful sign-in clears the account's count (not the address's). */
    async succeeded(who: { email: string; address: string }) {
      const window = Math.floor(clock.now().getTime() / windowMs)
      const [email] = subjects(who)
      await Promise.all([window - 1, window].map((w) => cache.delete(`${email!.key}:${w}`).catch(() => {})))
    },
  }
}

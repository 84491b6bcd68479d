import { and, eq, lt, ne, or } from 'drizzle-orm'
import type { Cache } from '../../infra/cache/cache.types.ts'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { Clock } from '../../shared/events.ts'
import { createAccountsRepository, type MembershipView } from './accounts.repository.ts'
import { sessions, users } from './accounts.tables.ts'
import { csrfTokenFor, hashToken, newToken } from './tokens.ts'

export type SessionUser = { id: string; email: string; name: string | null; isOperator: boolean }

/** A signed-in person, as every request authenticated by cookie sees them. */
export type Session = {
  idHash: string
  csrfToken: string
  user: SessionUser
  memberships: MembershipView[]
}

type Stored = {
  user: SessionUser
  memberships: MembershipView[]
  lastSeenAt: number
  expiresAt: number
}

// Every cached session is keyed under this namespace's version: logout, a password change or a
// membership change bumps it, so no instance can serve a session from before the change (an
// entry written by a racing reader lands under the old version and is never read).
const NAMESPACE = 'sessions'
const CACHE_SECONDS = 60
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/

export type SessionStore = ReturnType<typeof createSessionStore>

/**
 * Server-side sessions in the `sessions` table, cached in `cache` when it is shared by every
 * instance (Redis) or when there is only one (the embedded database); undefined = no cache.
 */
export function createSessionStore({
  database,
  cache,
  clock,
  idleMinutes,
  maxHours,
}: {
  database: DatabaseHandle
  cache: Cache | undefined
  clock: Clock
  idleMinutes: number
  maxHours: number
}) {
  const { db } = database
  const idleMs = idleMinutes * 60_000
  // Refreshing last_seen_at on every request would write per request; a few minutes' slack is harmless.
  const touchMs = Math.min(idleMs / 10, 5 * 60_000)
  const cacheKey = (version: number, idHash: string) => `session:${version}:${idHash}`
  const version = async () => (cache ? await cache.getVersion(NAMESPACE).catch(() => undefined) : undefined)

  async function load(idHash: string): Promise<Stored | undefined> {
    const [row] = await db
      .select({
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        user: { id: users.id, email: users.email, name: users.name, isOperator: users.isOperator },
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.idHash, idHash))
      .limit(1)
    if (!row) return undefined
    const { memberships } = await createAccountsRepository({ db }).listMemberships({ userId: row.user.id })
    return {
      user: row.user,
      memberships,
      lastSeenAt: row.lastSeenAt.getTime(),
      expiresAt: row.expiresAt.getTime(),
    }
  }

  async function forget(idHash: string) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash))
  }

  return {
    idleSeconds: idleMinutes * 60,
    maxSeconds: maxHours * 3600,

    /** Starts a session; the id goes only into the cookie. */
    async create({ userId }: { userId: string }) {
      const { token, hash } = newToken()
      const now = clock.now()
      const expiresAt = new Date(now.getTime() + maxHours * 3_600_000)
      // A user's ended sessions are removed whenever they sign in again.
      await db
        .delete(sessions)
        .where(
          and(
            eq(sessions.userId, userId),
            or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs))),
          ),
        )
      await db.insert(sessions).values({ idHash: hash, userId, createdAt: now, lastSeenAt: now, expiresAt })
      return { sessionId: token, expiresAt }
    },

    /** The live session with this id, or undefined (unknown, ended, idle too long or past its lifetime). */
    async resolve(sessionId: string): Promise<Session | undefined> {
      if (!SESSION_ID.test(sessionId)) return undefined
      const idHash = hashToken(sessionId)
      const current = await version()
      let stored: Stored | undefined
      if (current !== undefined) {
        const cached = await cache!.get(cacheKey(current, idHash)).catch(() => undefined)
        if (cached) stored = JSON.parse(cached) as Stored
      }
      const fromCache = stored !== undefined
      stored ??= await load(idHash)
      if (!stored) return undefined
      const now = clock.now().getTime()
      if (now >= stored.expiresAt || now - stored.lastSeenAt >= idleMs) {
        await forget(idHash)
        return undefined
      }
      const touch = now - stored.lastSeenAt >= touchMs
      if (touch) {
        stored = { ...stored, lastSeenAt: now }
        await db
          .update(sessions)
          .set({ lastSeenAt: new Date(now) })
          .where(eq(sessions.idHash, idHash))
      }
      if (current !== undefined && (touch || !fromCache)) {
        const ttl = Math.min(CACHE_SECONDS, (stored.expiresAt - now) / 1000)
        await cache!.set(cacheKey(current, idHash), JSON.stringify(stored), ttl).catch(() => {})
      }
      return { idHash, csrfToken: csrfTokenFor(sessionId), user: stored.user, memberships: stored.memberships }
    },

    /** Ends one session at once, on every instance. */
    async revoke({ idHash }: { idHash: string }) {
      await forget(idHash)
      await this.changed()
    },

    /** Ends every session of a user (a password change), but `keep` if given. */
    async revokeAllForUser({ userId, keep }: { userId: string; keep?: string }) {
      await db
        .delete(sessions)
        .where(keep ? and(eq(sessions.userId, userId), ne(sessions.idHash, keep)) : eq(sessions.userId, userId))
      await this.changed()
    },

    /** Cached sessions are stale (a membership or a user changed): every instance re-reads them. */
    async changed() {
      // Redis down: nothing is being cached meanwhile (reads fail too), so there is nothing stale to drop.
      if (cache) await cache.bumpVersion(NAMESPACE).catch(() => {})
    },
  }
}

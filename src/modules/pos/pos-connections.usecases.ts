import { randomBytes } from 'node:crypto'
import { and, eq, gt, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { SecretBox } from '../../shared/encryption.ts'
import { AppError, badRequest } from '../../shared/errors.ts'
import type { Clock } from '../../shared/events.ts'
import { sha256 } from '../../shared/secrets.ts'
import { type PosConnectionRow, posCatalogLinks, posConnections, posOauthStates } from './pos.tables.ts'
import type { PosCredentials, PosProvider, PosTokens } from './pos.types.ts'

const STATE_TTL_MS = 10 * 60_000
/** OAuth tokens are refreshed this long before they expire (Square's last 30 days). */
const REFRESH_BEFORE_MS = 24 * 3_600_000

export type ConnectionDeps = { database: DatabaseHandle; clock: Clock; box: SecretBox; provider: PosProvider }

/** What GET …/integrations shows of a connection: never a token. */
export function connectionStatus(row: PosConnectionRow | undefined) {
  if (!row) return { connected: false, sync_state: 'never' as const }
  return {
    connected: true,
    merchant_id: row.merchantId,
    location_id: row.locationId,
    sync_state: row.syncState,
    ...(row.lastSyncAt && { last_sync_at: row.lastSyncAt.toISOString() }),
    ...(row.lastError && { last_error: row.lastError }),
  }
}

export async function getConnection(deps: Pick<ConnectionDeps, 'database' | 'provider'>, restaurantId: string) {
  const [row] = await deps.database.withTenant(restaurantId, (tx) =>
    tx
      .select()
      .from(posConnections)
      .where(and(eq(posConnections.restaurantId, restaurantId), eq(posConnections.provider, deps.provider.name))),
  )
  return row
}

/** Stores (or replaces) a connection; only orders placed from now on are pushed to the POS. */
async function saveConnection(
  deps: ConnectionDeps,
  {
    restaurantId,
    authKind,
    tokens,
    locationId,
  }: { restaurantId: string; authKind: 'oauth' | 'token'; tokens: PosTokens; locationId: string },
) {
  const values = {
    authKind,
    merchantId: tokens.merchantId,
    locationId,
    accessTokenEnc: deps.box.seal(tokens.accessToken),
    refreshTokenEnc: tokens.refreshToken ? deps.box.seal(tokens.refreshToken) : null,
    tokenExpiresAt: tokens.expiresAt ?? null,
    lastError: null,
    updatedAt: deps.clock.now(),
  }
  await deps.database.withTenant(restaurantId, async (tx) => {
    const cursor = sql`(SELECT coalesce(max(id), 0) FROM activity_outbox WHERE restaurant_id = ${restaurantId})`
    await tx
      .insert(posConnections)
      .values({ restaurantId, provider: deps.provider.name, ...values, orderCursor: cursor as never })
      .onConflictDoUpdate({ target: [posConnections.restaurantId, posConnections.provider], set: values })
  })
}

/** PUT …/integrations/square: the seller's own access token, checked against the location first. */
export async function connectWithToken(
  deps: ConnectionDeps,
  { restaurantId, accessToken, locationId }: { restaurantId: string; accessToken: string; locationId: string },
) {
  const { merchantId } = await deps.provider.verifyLocation({ accessToken, locationId })
  await saveConnection(deps, { restaurantId, authKind: 'token', tokens: { accessToken, merchantId }, locationId })
  return getConnection(deps, restaurantId)
}

/** POST …/square/connect: a single-use state bound to this person and restaurant, for ten minutes. */
export async function startOAuth(
  deps: ConnectionDeps,
  { restaurantId, userId, redirectUri }: { restaurantId: string; userId: string | undefined; redirectUri: string },
) {
  if (!userId) throw badRequest('Connecting Square is done by a signed-in owner, not with an API key')
  if (!deps.provider.oauthEnabled) throw new AppError('pos_not_configured', 'Square OAuth is not configured', 409)
  const state = randomBytes(32).toString('base64url')
  const expiresAt = new Date(deps.clock.now().getTime() + STATE_TTL_MS)
  await deps.database.withTenant(restaurantId, (tx) =>
    tx.insert(posOauthStates).values({ stateHash: sha256(state), restaurantId, userId, expiresAt }),
  )
  return { authorize_url: deps.provider.authorizeUrl({ state, redirectUri }) }
}

/** GET /api/integrations/square/callback: the state is spent whatever happens next. */
export async function finishOAuth(
  deps: ConnectionDeps,
  {
    code,
    state,
    userId,
    redirectUri,
  }: { code: string; state: string; userId: string | undefined; redirectUri: string },
) {
  const [spent] = await deps.database.db
    .delete(posOauthStates)
    .where(and(eq(posOauthStates.stateHash, sha256(state)), gt(posOauthStates.expiresAt, deps.clock.now())))
    .returning()
  if (!spent || spent.userId !== userId) throw badRequest('This Square connection link is invalid or has expired')
  const tokens = await deps.provider.exchangeCode({ code, redirectUri })
  const { locationId } = await deps.provider.mainLocation(tokens.accessToken)
  await saveConnection(deps, { restaurantId: spent.restaurantId, authKind: 'oauth', tokens, locationId })
  return { restaurantId: spent.restaurantId }
}

/** DELETE …/integrations/square: revokes what OAuth granted, then forgets the tokens and POS ids. */
export async function disconnect(deps: ConnectionDeps, restaurantId: string) {
  const row = await getConnection(deps, restaurantId)
  if (!row) return
  if (row.authKind === 'oauth') await deps.provider.revoke(await credentialsOf(deps, row))
  await deps.database.withTenant(restaurantId, async (tx) => {
    const own = (table: typeof posConnections | typeof posCatalogLinks) =>
      and(eq(table.restaurantId, restaurantId), eq(table.provider, deps.provider.name))
    await tx.delete(posCatalogLinks).where(own(posCatalogLinks))
    await tx.delete(posConnections).where(own(posConnections))
  })
}

/** The connection's credentials, refreshed (and stored again) when its token expires within a day. */
export async function credentialsOf(deps: ConnectionDeps, row: PosConnectionRow): Promise<PosCredentials> {
  const expiresSoon =
    row.tokenExpiresAt && row.tokenExpiresAt.getTime() - deps.clock.now().getTime() < REFRESH_BEFORE_MS
  if (expiresSoon && row.refreshTokenEnc) {
    const tokens = await deps.provider.refresh(deps.box.open(row.refreshTokenEnc))
    await deps.database.withTenant(row.restaurantId, (tx) =>
      tx
        .update(posConnections)
        .set({
          accessTokenEnc: deps.box.seal(tokens.accessToken),
          ...(tokens.refreshToken && { refreshTokenEnc: deps.box.seal(tokens.refreshToken) }),
          tokenExpiresAt: tokens.expiresAt ?? null,
          updatedAt: deps.clock.now(),
        })
        .where(and(eq(posConnections.restaurantId, row.restaurantId), eq(posConnections.provider, row.provider))),
    )
    return { accessToken: tokens.accessToken, merchantId: row.merchantId, locationId: row.locationId }
  }
  return { accessToken: deps.box.open(row.accessTokenEnc), merchantId: row.merchantId, locationId: row.locationId }
}

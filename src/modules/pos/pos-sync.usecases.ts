import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { menuItems, modifiers } from '../../infra/db/schema.ts'
import type { DataCategory, RestaurantEvents } from '../../shared/events.ts'
import { sha256 } from '../../shared/secrets.ts'
import { posCatalogLinks, posConnections } from './pos.tables.ts'
import { PosError, type PosItem, type PosModifier, type PosSkipped } from './pos.types.ts'
import { type ConnectionDeps, credentialsOf, getConnection } from './pos-connections.usecases.ts'

export type SyncDeps = ConnectionDeps & { restaurantEvents: RestaurantEvents }
export type SyncReport = { items: number; modifiers: number; unchanged: number; removed: number; skipped: PosSkipped[] }

type Link = typeof posCatalogLinks.$inferSelect
const dollars = (cents: number) => cents / 100
const itemRow = (item: PosItem, position: number) => ({
  name: item.name,
  description: item.description,
  category: item.category,
  price: dollars(item.priceCents),
  available: item.available,
  availableAgainAt: null,
  position,
})
const modifierRow = (modifier: PosModifier, position: number) => ({
  name: modifier.name,
  description: modifier.listName || null,
  price: dollars(modifier.priceCents),
  position,
})

/**
 * POST …/square/sync and every catalog webhook: the POS's catalog → the restaurant's menu items
 * and modifiers. Only objects whose imported fields changed are written (so only those are
 * re-indexed and the caches dropped); rows the owner added by hand have no link and are left alone.
 */
export async function syncCatalog(deps: SyncDeps, restaurantId: string): Promise<SyncReport> {
  const connection = await getConnection(deps, restaurantId)
  if (!connection) throw new PosError('Square is not connected', 409)
  const setState = (state: 'syncing' | 'synced' | 'failed', lastError: string | null) =>
    deps.database.withTenant(restaurantId, (tx) =>
      tx
        .update(posConnections)
        .set({
          syncState: state,
          lastError,
          updatedAt: deps.clock.now(),
          ...(state === 'synced' && { lastSyncAt: deps.clock.now() }),
        })
        .where(and(eq(posConnections.restaurantId, restaurantId), eq(posConnections.provider, deps.provider.name))),
    )
  await setState('syncing', connection.lastError)
  try {
    const catalog = await deps.provider.importCatalog(await credentialsOf(deps, connection))
    const { report, categories } = await deps.database.withTenant(restaurantId, async (tx) => {
      const links = await tx
        .select()
        .from(posCatalogLinks)
        .where(and(eq(posCatalogLinks.restaurantId, restaurantId), eq(posCatalogLinks.provider, deps.provider.name)))
      const apply = applier(tx, { restaurantId, provider: deps.provider.name, links })
      const items = await apply('item', catalog.items, itemRow)
      const mods = await apply('modifier', catalog.modifiers, modifierRow)
      const categories: DataCategory[] = [
        ...(items.written + items.removed > 0 ? (['menu'] as const) : []),
        ...(mods.written + mods.removed > 0 ? (['modifiers'] as const) : []),
      ]
      if (categories.length > 0) await deps.restaurantEvents.changing(tx, { restaurantId, categories })
      const report: SyncReport = {
        items: items.written,
        modifiers: mods.written,
        unchanged: items.unchanged + mods.unchanged,
        removed: items.removed + mods.removed,
        skipped: catalog.skipped,
      }
      return { report, categories }
    })
    if (categories.length > 0) await deps.restaurantEvents.changed({ restaurantId, categories })
    const skippedNote = report.skipped.length > 0 ? `${report.skipped.length} catalog objects not imported` : null
    await setState('synced', skippedNote)
    return report
  } catch (error) {
    await setState('failed', (error as Error).message.slice(0, 500))
    throw error
  }
}

/** Writes one kind of POS object (items or modifiers) against its links, inside the sync's transaction. */
function applier(
  tx: Database,
  { restaurantId, provider, links }: { restaurantId: string; provider: 'square'; links: Link[] },
) {
  return async <T extends PosItem | PosModifier>(
    kind: 'item' | 'modifier',
    objects: T[],
    toRow: (object: T, position: number) => Record<string, unknown>,
  ) => {
    const table = kind === 'item' ? menuItems : modifiers
    const known = new Map(links.filter((link) => link.kind === kind).map((link) => [link.externalId, link]))
    const seen = new Set<string>()
    let written = 0
    let unchanged = 0
    const fresh: Array<{ object: T; row: Record<string, unknown>; hash: string }> = []
    for (const [index, object] of objects.entries()) {
      if (seen.has(object.externalId)) continue
      seen.add(object.externalId)
      const row = toRow(object, index)
      const hash = sha256(JSON.stringify(row))
      const link = known.get(object.externalId)
      if (link?.contentHash === hash) {
        unchanged++
        continue
      }
      written++
      if (!link) {
        fresh.push({ object, row, hash })
        continue
      }
      const updated = await tx
        .update(table)
        .set({ ...row, updatedAt: new Date() } as never)
        .where(and(eq(table.id, link.localId), eq(table.restaurantId, restaurantId)))
        .returning({ id: table.id })
      // The owner deleted the imported row meanwhile: it comes back as a new one.
      if (updated.length === 0) fresh.push({ object, row, hash })
      else
        await tx
          .update(posCatalogLinks)
          .set({ contentHash: hash })
          .where(
            and(
              eq(posCatalogLinks.restaurantId, restaurantId),
              eq(posCatalogLinks.kind, kind),
              eq(posCatalogLinks.externalId, object.externalId),
            ),
          )
    }
    if (fresh.length > 0) {
      const inserted = await tx
        .insert(table)
        .values(fresh.map(({ row }) => ({ ...row, restaurantId })) as never)
        .returning({ id: table.id })
      const values = fresh.map(({ object, hash }, i) => ({
        restaurantId,
        provider,
        kind,
        externalId: object.externalId,
        parentId: object.parentId,
        localId: inserted[i]!.id,
        contentHash: hash,
      }))
      await tx
        .insert(posCatalogLinks)
        .values(values)
        .onConflictDoUpdate({
          target: [
            posCatalogLinks.restaurantId,
            posCatalogLinks.provider,
            posCatalogLinks.kind,
            posCatalogLinks.externalId,
          ],
          set: { localId: sqlExcluded('local_id'), contentHash: sqlExcluded('content_hash') },
        })
    }
    const gone = [...known.values()].filter((link) => !seen.has(link.externalId))
    if (gone.length > 0) {
      await tx.delete(table).where(
        and(
          eq(table.restaurantId, restaurantId),
          inArray(
            table.id,
            gone.map((link) => link.localId),
          ),
        ),
      )
      await tx.delete(posCatalogLinks).where(
        and(
          eq(posCatalogLinks.restaurantId, restaurantId),
          eq(posCatalogLinks.kind, kind),
          inArray(
            posCatalogLinks.externalId,
            gone.map((link) => link.externalId),
          ),
        ),
      )
    }
    return { written, unchanged, removed: gone.length }
  }
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`)

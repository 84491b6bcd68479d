import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { testBackends } from '../../../test/support/database.ts'
import { type DatabaseHandle, rowsOf } from './database.ts'
import { migrate } from './migrate.ts'
import { callHistory, deliveryZones, documentEmbeddings, menuItems, restaurants } from './schema.ts'

for (const backend of testBackends()) {
  describe(`database on ${backend.name}`, () => {
    let database: DatabaseHandle
    let a: string
    let b: string
    before(async () => {
      database = await backend.create()
      const rows = await database.db
        .insert(restaurants)
        .values([
          { name: 'A', apiKeyHash: 'hash-a' },
          { name: 'B', apiKeyHash: 'hash-b' },
        ])
        .returning()
      a = rows[0]!.id
      b = rows[1]!.id
      await database.db.insert(menuItems).values([
        { restaurantId: a, name: 'Only A', price: 1 },
        { restaurantId: b, name: 'Only B', price: 2 },
      ])
    })
    after(async () => {
      await database.close()
    })

    it('a tenant-scoped query without a WHERE restaurant_id sees only its own rows', async () => {
      const items = await database.withTenant(a, (tx) => tx.select({ name: menuItems.name }).from(menuItems))
      assert.deepEqual(items, [{ name: 'Only A' }])
      const visible = await database.withTenant(b, (tx) => tx.select({ name: restaurants.name }).from(restaurants))
      assert.deepEqual(visible, [{ name: 'B' }])
    })

    it('a tenant cannot write rows for another restaurant', async () => {
      await assert.rejects(
        database.withTenant(a, (tx) => tx.insert(menuItems).values({ restaurantId: b, name: 'Smuggled', price: 1 })),
        (error: any) => /row-level security/.test(String(error.cause?.message ?? error.message)),
      )
      const updated = await database.withTenant(a, (tx) =>
        tx.update(menuItems).set({ price: 0 }).where(sql`true`).returning(),
      )
      assert.deepEqual(
        updated.map((row) => row.name),
        ['Only A'],
      )
    })

    it('the tenant setting and role do not outlive the transaction', async () => {
      await database.withTenant(a, async () => {})
      const result = await database.db.execute(
        sql`select coalesce(current_setting('app.restaurant_id', true), '') as tenant, current_user as role`,
      )
      const [row] = (result as unknown as { rows: { tenant: string; role: string }[] }).rows
      assert.ok(row)
      assert.equal(row.tenant, '')
      assert.notEqual(row.role, 'restaurant_tenant')
      assert.equal((await database.db.select().from(menuItems)).length, 2)
    })

    it('an unscoped tenant role sees nothing at all', async () => {
      const rows = await database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', 'restaurant_tenant', true)`)
        return tx.select().from(callHistory)
      })
      assert.deepEqual(rows, [])
    })

    it('tenant_search scopes its one statement to the restaurant, and nothing after it', async () => {
      await database.db.insert(documentEmbeddings).values(
        [a, b].map((restaurantId, i) => ({
          restaurantId,
          category: 'menu',
          sourceId: randomUUID(),
          title: `Dish ${i}`,
          content: `Dish ${i}, duck`,
          contentHash: `h${i}`,
          embedding: [1, 0, i],
          embeddingModel: 'm',
        })),
      )
      const search = (restaurantId: string) =>
        database.statement('select * from tenant_search($1::uuid, $2, $3, $4, $5, $6, $7)', [
          restaurantId,
          'menu',
          '[1,0,0]',
          'm',
          'duck',
          'duck',
          10,
        ])
      assert.deepEqual(
        (await search(a)).rows.map((row) => [row.title, Number(row.vector_score)]),
        [['Dish 0', 1]],
      )
      assert.deepEqual(
        (await search(b)).rows.map((row) => row.title),
        ['Dish 1'],
      )
      // Inside one transaction the role and the setting it set stay: row-level security answers for
      // every query after it, so even a query without a restaurant filter sees one restaurant.
      const seen = await database.db.transaction(async (tx) => {
        await tx.execute(sql`select * from tenant_search(${a}::uuid, 'menu', null, 'm', 'duck', '', 10)`)
        const role = await tx.execute(sql`select current_user as role`)
        const titles = await tx.select({ title: documentEmbeddings.title }).from(documentEmbeddings)
        return { role: (role as unknown as { rows: { role: string }[] }).rows[0]!.role, titles }
      })
      assert.deepEqual(seen, { role: 'restaurant_tenant', titles: [{ title: 'Dish 0' }] })
      // Alone, the statement was its own transaction: both settings ended with it.
      const after = await database.db.execute(
        sql`select coalesce(current_setting('app.restaurant_id', true), '') as tenant, current_user as role`,
      )
      const [row] = (after as unknown as { rows: { tenant: string; role: string }[] }).rows
      assert.equal(row!.tenant, '')
      assert.notEqual(row!.role, 'restaurant_tenant')
    })

    it("tenant_delivery_zones answers one restaurant's zones in their order, and scopes nothing after it", async () => {
      await database.db.insert(deliveryZones).values([
        { restaurantId: a, zoneName: 'Second', position: 1, deliveryFee: 2.5, postalCodes: ['10002'] },
        { restaurantId: a, zoneName: 'First', position: 0, deliveryFee: 0, minOrder: 15, postalCodes: [] },
        { restaurantId: b, zoneName: 'Elsewhere', position: 0, deliveryFee: 1, postalCodes: ['20001'] },
      ])
      const { rows } = await database.statement('select * from tenant_delivery_zones($1::uuid)', [a])
      assert.deepEqual(
        rows.map((row) => [
          row.zone_name,
          Number(row.delivery_fee),
          row.min_order && Number(row.min_order),
          row.postal_codes,
        ]),
        [
          ['First', 0, 15, []],
          ['Second', 2.5, null, ['10002']],
        ],
      )
      // It scopes as withTenant does: inside a transaction, row-level security then confines even
      // an unfiltered read to the restaurant; alone, its settings end with its statement.
      const seen = await database.db.transaction(async (tx) => {
        await tx.execute(sql`select * from tenant_delivery_zones(${a}::uuid)`)
        return tx.select({ name: deliveryZones.zoneName }).from(deliveryZones)
      })
      assert.deepEqual(seen.map((zone) => zone.name).sort(), ['First', 'Second'])
      const after = await database.db.execute(sql`select current_user as role`)
      assert.notEqual((after as unknown as { rows: { role: string }[] }).rows[0]!.role, 'restaurant_tenant')
    })

    // PostgreSQL only: PGlite has no connection to lose.
    if (backend.name === 'postgres')
      it('a connection lost inside a transaction fails that transaction, not the process', async () => {
        const failed = database.db.transaction(async (tx) => {
          const { pid } = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`))[0]!
          // Killed from another connection while this transaction holds its client between queries.
          await database.db.execute(sql`select pg_terminate_backend(${pid}::int)`)
          await new Promise((resolve) => setTimeout(resolve, 100))
          await tx.execute(sql`select 1`)
        })
        await assert.rejects(failed)
        const { ok } = rowsOf<{ ok: number }>(await database.db.execute(sql`select 1 as ok`))[0]!
        assert.equal(ok, 1, 'the pool answers with a fresh connection')
      })

    it('running the migrations again applies nothing', async () => {
      assert.deepEqual(await migrate(database), { applied: [] })
    })
  })
}

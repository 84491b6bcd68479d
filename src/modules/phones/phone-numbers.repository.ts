import { randomUUID } from 'node:crypto'
import { and, asc, eq, inArray, isNotNull, isNull, lt, notExists, or, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { type PhoneNumberSource, phoneNumbers, restaurantPhoneMappings } from '../../infra/db/schema.ts'

export type PoolRow = typeof phoneNumbers.$inferSelect
export type Claimed = PoolRow & { claimToken: string }

/** A claim older than this belongs to an assignment that died (crash, restart) and may be retaken. */
export const STALE_CLAIM_SECONDS = 600

/** Which pool entries an assignment may take: imported into Vapi already, or owned at Twilio but not imported. */
export type PoolKind = 'imported' | 'owned_not_imported' | { phoneNumber: string }

const staleClaim = lt(phoneNumbers.claimedAt, sql`now() - ${STALE_CLAIM_SECONDS} * interval '1 second'`)

export function createPhoneNumbersRepository({ db }: { db: Database }) {
  const claimable = (kind: PoolKind): SQL =>
    and(
      or(
        eq(phoneNumbers.status, 'available'),
        and(eq(phoneNumbers.status, 'assigned'), isNull(phoneNumbers.restaurantId)),
        and(eq(phoneNumbers.status, 'provisioning'), staleClaim),
      ),
      // A number someone mapped by hand (a restaurant bundle) is theirs, even if it is also in the pool.
      notExists(
        db
          .select({ one: sql`1` })
          .from(restaurantPhoneMappings)
          .where(eq(restaurantPhoneMappings.phoneNumber, phoneNumbers.phoneNumber)),
      ),
      kind === 'imported'
        ? isNotNull(phoneNumbers.vapiPhoneNumberId)
        : kind === 'owned_not_imported'
          ? and(isNull(phoneNumbers.vapiPhoneNumberId), isNotNull(phoneNumbers.twilioSid))
          : eq(phoneNumbers.phoneNumber, kind.phoneNumber),
    )!

  return {
    /**
     * Records numbers found at Vapi or Twilio; ones we already know are left as they are, except a
     * reservation whose assignment died mid-purchase: the number turned up in the account, so it
     * was bought, and it becomes an available pool entry.
     */
    async addToPool({
      entries,
    }: {
      entries: { phoneNumber: string; source: PhoneNumberSource; twilioSid?: string; vapiPhoneNumberId?: string }[]
    }) {
      if (entries.length === 0) return
      await db.delete(phoneNumbers).where(
        and(
          inArray(
            phoneNumbers.phoneNumber,
            entries.map((e) => e.phoneNumber),
          ),
          eq(phoneNumbers.status, 'provisioning'),
          isNull(phoneNumbers.twilioSid),
          isNull(phoneNumbers.vapiPhoneNumberId),
          staleClaim,
        ),
      )
      // DO NOTHING takes no row locks: concurrent assignments listing the same numbers never wait on each other.
      await db
        .insert(phoneNumbers)
        .values(entries.map((e) => ({ ...e, status: 'available' as const })))
        .onConflictDoNothing()
    },

    /**
     * Claims a number we are about to buy, before Twilio is asked: from then on the number is
     * in the pool as this assignment's, so no other assignment (on any instance) that finds it in
     * Twilio's search, Twilio's owned numbers or Vapi's list can take it. Nothing is returned when
     * another assignment holds it; a number we once released may be bought again.
     */
    async reserveForPurchase({ phoneNumber, restaurantId }: { phoneNumber: string; restaurantId: string }) {
      const values = {
        phoneNumber,
        source: 'twilio_purchased' as const,
        status: 'provisioning' as const,
        restaurantId,
        claimToken: randomUUID(),
        claimedAt: sql`now()`,
        twilioSid: null,
        vapiPhoneNumberId: null,
        lastError: null,
      }
      const [row] = await db
        .insert(phoneNumbers)
        .values(values)
        .onConflictDoUpdate({
          target: phoneNumbers.phoneNumber,
          set: { ...values, updatedAt: sql`now()` },
          setWhere: or(
            eq(phoneNumbers.status, 'released'),
            and(eq(phoneNumbers.status, 'provisioning'), isNull(phoneNumbers.twilioSid), staleClaim),
          ),
        })
        .returning()
      return { row: row as Claimed | undefined }
    },

    /** The reserved number was bought: its Twilio SID is recorded under the same claim. */
    async confirmPurchase({ row, twilioSid }: { row: Claimed; twilioSid: string }) {
      const [confirmed] = await db
        .update(phoneNumbers)
        .set({ twilioSid, updatedAt: sql`now()` })
        .where(and(eq(phoneNumbers.phoneNumber, row.phoneNumber), eq(phoneNumbers.claimToken, row.claimToken)))
        .returning()
      return { row: confirmed as Claimed | undefined }
    },

    /** Twilio did not sell the reserved number (or may not have): the reservation goes. */
    async dropReservation({ row }: { row: Claimed }) {
      await db
        .delete(phoneNumbers)
        .where(
          and(
            eq(phoneNumbers.phoneNumber, row.phoneNumber),
            eq(phoneNumbers.claimToken, row.claimToken),
            isNull(phoneNumbers.twilioSid),
          ),
        )
    },

    /**
     * Takes one pool entry for `restaurantId`. SKIP LOCKED lets concurrent assignments on
     * PostgreSQL each take a different row without waiting; the claim is committed at once so
     * the slow calls to Vapi happen outside any transaction.
     */
    async claim({ kind, restaurantId }: { kind: PoolKind; restaurantId: string }): Promise<{ row?: Claimed }> {
      const candidate = db
        .select({ phoneNumber: phoneNumbers.phoneNumber })
        .from(phoneNumbers)
        .where(claimable(kind))
        .orderBy(asc(phoneNumbers.createdAt), asc(phoneNumbers.phoneNumber))
        .limit(1)
        .for('update', { skipLocked: true })
      const claimToken = randomUUID()
      const [row] = await db
        .update(phoneNumbers)
        .set({ status: 'provisioning', restaurantId, claimToken, claimedAt: sql`now()`, updatedAt: sql`now()` })
        .where(inArray(phoneNumbers.phoneNumber, candidate))
        .returning()
      return { row: row as Claimed | undefined }
    },

    /**
     * A number Twilio picked for us (bought by area code), claimed for `restaurantId`. Nothing
     * is returned if another assignment already found it in the account and holds it.
     */
    async recordPurchase({
      phoneNumber,
      twilioSid,
      restaurantId,
    }: {
      phoneNumber: string
      twilioSid: string
      restaurantId: string
    }) {
      const [row] = await db
        .insert(phoneNumbers)
        .values({
          phoneNumber,
          twilioSid,
          source: 'twilio_purchased' as const,
          status: 'provisioning' as const,
          restaurantId,
          claimToken: randomUUID(),
          claimedAt: sql`now()`,
        })
        .onConflictDoNothing()
        .returning()
      return { row: row as Claimed | undefined }
    },

    async recordImport({
      phoneNumber,
      claimToken,
      vapiPhoneNumberId,
    }: {
      phoneNumber: string
      claimToken: string
      vapiPhoneNumberId: string | null
    }) {
      await db
        .update(phoneNumbers)
        .set({ vapiPhoneNumberId, updatedAt: sql`now()` })
        .where(and(eq(phoneNumbers.phoneNumber, phoneNumber), eq(phoneNumbers.claimToken, claimToken)))
    },

    /** Gives a claimed number back to the pool, remembering why the assignment failed. */
    async releaseClaim({
      phoneNumber,
      claimToken,
      lastError,
    }: {
      phoneNumber: string
      claimToken: string
      lastError: string | null
    }) {
      await db
        .update(phoneNumbers)
        .set({
          status: 'available',
          restaurantId: null,
          claimToken: null,
          claimedAt: null,
          lastError,
          updatedAt: sql`now()`,
        })
        .where(and(eq(phoneNumbers.phoneNumber, phoneNumber), eq(phoneNumbers.claimToken, claimToken)))
    },

    /**
     * Maps a claimed, imported number to its restaurant in one transaction. False if the claim
     * was lost meanwhile; a unique violation (mapped by hand meanwhile) propagates.
     */
    async completeAssignment({ row, restaurantId }: { row: Claimed; restaurantId: string }): Promise<boolean> {
      return db.transaction(async (tx) => {
        const done = await tx
          .update(phoneNumbers)
          .set({
            status: 'assigned',
            restaurantId,
            claimToken: null,
            claimedAt: null,
            lastError: null,
            updatedAt: sql`now()`,
          })
          .where(and(eq(phoneNumbers.phoneNumber, row.phoneNumber), eq(phoneNumbers.claimToken, row.claimToken)))
          .returning()
        if (done.length === 0) return false
        await tx
          .insert(restaurantPhoneMappings)
          .values({ phoneNumber: row.phoneNumber, restaurantId, vapiPhoneNumberId: row.vapiPhoneNumberId })
        return true
      })
    },

    async getPoolEntry({ phoneNumber }: { phoneNumber: string }) {
      const [row] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.phoneNumber, phoneNumber))
      return { row }
    },

    async assignedTo({ restaurantId }: { restaurantId: string }) {
      const rows = await db
        .select()
        .from(phoneNumbers)
        .where(and(eq(phoneNumbers.restaurantId, restaurantId), eq(phoneNumbers.status, 'assigned')))
        .orderBy(asc(phoneNumbers.phoneNumber))
      return { rows }
    },

    /** Unmaps a pool number and makes it available again. */
    async returnToPool({ phoneNumber, lastError }: { phoneNumber: string; lastError: string | null }) {
      await db.transaction(async (tx) => {
        await tx.delete(restaurantPhoneMappings).where(eq(restaurantPhoneMappings.phoneNumber, phoneNumber))
        await tx
          .update(phoneNumbers)
          .set({ status: 'available', restaurantId: null, lastError, updatedAt: sql`now()` })
          .where(eq(phoneNumbers.phoneNumber, phoneNumber))
      })
    },

    /** The number went back to Twilio: unmapped, kept only as a record. */
    async markReleased({ phoneNumber, lastError }: { phoneNumber: string; lastError: string | null }) {
      await db.transaction(async (tx) => {
        await tx.delete(restaurantPhoneMappings).where(eq(restaurantPhoneMappings.phoneNumber, phoneNumber))
        await tx
          .update(phoneNumbers)
          .set({
            status: 'released',
            restaurantId: null,
            twilioSid: null,
            vapiPhoneNumberId: null,
            lastError,
            updatedAt: sql`now()`,
          })
          .where(eq(phoneNumbers.phoneNumber, phoneNumber))
      })
    },

    async getMapping({ phoneNumber }: { phoneNumber: string }) {
      const [mapping] = await db
        .select()
        .from(restaurantPhoneMappings)
        .where(eq(restaurantPhoneMappings.phoneNumber, phoneNumber))
      return { mapping }
    },

    async insertMapping({
      phoneNumber,
      restaurantId,
      vapiPhoneNumberId = null,
    }: {
      phoneNumber: string
      restaurantId: string
      vapiPhoneNumberId?: string | null
    }) {
      await db.insert(restaurantPhoneMappings).values({ phoneNumber, restaurantId, vapiPhoneNumberId })
    },

    async deleteMapping({ phoneNumber, restaurantId }: { phoneNumber: string; restaurantId: string }) {
      const deleted = await db
        .delete(restaurantPhoneMappings)
        .where(
          and(
            eq(restaurantPhoneMappings.phoneNumber, phoneNumber),
            eq(restaurantPhoneMappings.restaurantId, restaurantId),
          ),
        )
        .returning()
      return { deleted: deleted.length > 0 }
    },

    /** A restaurant's numbers with what the pool knows about each (null for numbers mapped by hand). */
    async listForRestaurant({ restaurantId }: { restaurantId: string }) {
      const rows = await db
        .select({ mapping: restaurantPhoneMappings, pool: phoneNumbers })
        .from(restaurantPhoneMappings)
        .leftJoin(phoneNumbers, eq(phoneNumbers.phoneNumber, restaurantPhoneMappings.phoneNumber))
        .where(eq(restaurantPhoneMappings.restaurantId, restaurantId))
        .orderBy(asc(restaurantPhoneMappings.createdAt), asc(restaurantPhoneMappings.phoneNumber))
      return { rows }
    },
  }
}
export type PhoneNumbersRepository = ReturnType<typeof createPhoneNumbersRepository>

import { and, asc, eq, sql } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { memberships, type Role, users } from './accounts.tables.ts'

export type User = typeof users.$inferSelect
export type MembershipView = { restaurantId: string; name: string; role: Role }

/** Emails are compared lowercased and trimmed: one account per address, whatever the case typed. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export type AccountsRepository = ReturnType<typeof createAccountsRepository>

export function createAccountsRepository({ db }: { db: Database }) {
  return {
    async findUserByEmail({ email }: { email: string }) {
      const [user] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`)
        .limit(1)
      return { user }
    },

    async findUserById({ userId }: { userId: string }) {
      const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1)
      return { user }
    },

    async insertUser(values: { email: string; name: string | null; passwordHash: string; isOperator: boolean }) {
      const [user] = await db
        .insert(users)
        .values({ ...values, email: normalizeEmail(values.email) })
        .returning()
      return { user: user! }
    },

    async updateUser({ userId, changes }: { userId: string; changes: Partial<Pick<User, 'passwordHash' | 'name'>> }) {
      await db
        .update(users)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(users.id, userId))
    },

    async makeOperator({ userId }: { userId: string }) {
      await db.update(users).set({ isOperator: true, updatedAt: new Date() }).where(eq(users.id, userId))
    },

    /** The restaurants a user belongs to, by name. */
    async listMemberships({ userId }: { userId: string }): Promise<{ memberships: MembershipView[] }> {
      const rows = await db
        .select({ restaurantId: memberships.restaurantId, name: restaurants.name, role: memberships.role })
        .from(memberships)
        .innerJoin(restaurants, eq(restaurants.id, memberships.restaurantId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(restaurants.name), asc(restaurants.id))
      return { memberships: rows }
    },

    /** Adds a membership; one that exists may be raised to owner by it, never lowered. */
    async grantMembership({ restaurantId, userId, role }: { restaurantId: string; userId: string; role: Role }) {
      await db
        .insert(memberships)
        .values({ restaurantId, userId, role })
        .onConflictDoUpdate({
          target: [memberships.restaurantId, memberships.userId],
          set: {
            role: sql`case when ${memberships.role} = 'owner' then 'owner' else excluded.role end`,
            updatedAt: new Date(),
          },
        })
    },

    async listMembers({ restaurantId }: { restaurantId: string }) {
      const rows = await db
        .select({
          userId: users.id,
          email: users.email,
          name: users.name,
          role: memberships.role,
          createdAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.restaurantId, restaurantId))
        .orderBy(asc(memberships.createdAt), asc(users.email))
      return { members: rows }
    },

    /** The restaurant's memberships, locked until the transaction ends (the last-owner rule). */
    async lockMemberships({ restaurantId }: { restaurantId: string }) {
      const rows = await db
        .select({ userId: memberships.userId, role: memberships.role })
        .from(memberships)
        .where(eq(memberships.restaurantId, restaurantId))
        .for('update')
      return { memberships: rows }
    },

    async setRole({ restaurantId, userId, role }: { restaurantId: string; userId: string; role: Role }) {
      await db
        .update(memberships)
        .set({ role, updatedAt: new Date() })
        .where(and(eq(memberships.restaurantId, restaurantId), eq(memberships.userId, userId)))
    },

    async deleteMembership({ restaurantId, userId }: { restaurantId: string; userId: string }) {
      await db
        .delete(memberships)
        .where(and(eq(memberships.restaurantId, restaurantId), eq(memberships.userId, userId)))
    },
  }
}

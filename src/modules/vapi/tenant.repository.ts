import { eq } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { restaurantPhoneMappings, restaurants } from '../../infra/db/schema.ts'

export type Tenant = { id: string; name: string; timezone: string; currency: string }

const tenantColumns = {
  id: restaurants.id,
  name: restaurants.name,
  timezone: restaurants.timezone,
  currency: restaurants.currency,
}

/** Lookups across restaurants: they run as the owner, since which tenant it is is the question. */
export function createTenantRepository({ db }: { db: Database }) {
  return {
    async findByPhoneNumber(phoneNumber: string): Promise<Tenant | undefined> {
      const [row] = await db
        .select(tenantColumns)
        .from(restaurantPhoneMappings)
        .innerJoin(restaurants, eq(restaurants.id, restaurantPhoneMappings.restaurantId))
        .where(eq(restaurantPhoneMappings.phoneNumber, phoneNumber))
        .limit(1)
      return row
    },
    async findByVapiPhoneNumberId(vapiPhoneNumberId: string): Promise<Tenant | undefined> {
      const [row] = await db
        .select(tenantColumns)
        .from(restaurantPhoneMappings)
        .innerJoin(restaurants, eq(restaurants.id, restaurantPhoneMappings.restaurantId))
        .where(eq(restaurantPhoneMappings.vapiPhoneNumberId, vapiPhoneNumberId))
        .limit(1)
      return row
    },
    async findById(restaurantId: string): Promise<Tenant | undefined> {
      const [row] = await db.select(tenantColumns).from(restaurants).where(eq(restaurants.id, restaurantId)).limit(1)
      return row
    },
  }
}

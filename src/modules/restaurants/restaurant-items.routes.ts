import { and, asc, eq } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type TSchema, Type } from 'typebox'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { deliveryZones, menuItems, modifiers, operatingHours } from '../../infra/db/schema.ts'
import { restaurantScope } from '../../shared/auth.ts'
import { notFound } from '../../shared/errors.ts'
import type { Clock, DataCategory, RestaurantEvents } from '../../shared/events.ts'
import type { AppInstance } from '../../shared/http.ts'
import {
  hoursFromApi,
  hoursToApi,
  menuItemFromApi,
  menuItemToApi,
  modifierFromApi,
  modifierToApi,
  zoneFromApi,
  zoneToApi,
} from './restaurant-data.models.ts'
import {
  DeliveryZoneInput,
  ErrorSchema,
  IdParams,
  ItemParams,
  MenuItemInput,
  ModifierInput,
  OperatingHoursInput,
} from './restaurants.schemas.ts'
import { getRestaurantOrThrow } from './restaurants.usecases.ts'

/** One kind of restaurant row that owners edit one at a time (fix one price without resending the menu). */
export type Collection = {
  path: string
  /** The path parameter naming one row (default itemId). */
  idParam?: string
  table: PgTable & { id: any; restaurantId: any; createdAt: any; position: any }
  input: TSchema
  category: DataCategory
  fromApi: (input: any, field: string) => Record<string, unknown>
  /** `now` decides what is shown as it is at that moment (a sold-out dish that has come back). */
  toApi: (row: any, now: Date) => Record<string, unknown>
}

const collections: Collection[] = [
  {
    path: 'menu-items',
    table: menuItems,
    input: MenuItemInput,
    category: 'menu',
    fromApi: menuItemFromApi,
    toApi: menuItemToApi,
  },
  {
    path: 'modifiers',
    table: modifiers,
    input: ModifierInput,
    category: 'modifiers',
    fromApi: modifierFromApi,
    toApi: modifierToApi,
  },
  {
    path: 'hours',
    table: operatingHours,
    input: OperatingHoursInput,
    category: 'hours',
    fromApi: hoursFromApi,
    toApi: hoursToApi,
  },
  {
    path: 'delivery-zones',
    table: deliveryZones,
    input: DeliveryZoneInput,
    category: 'zones',
    fromApi: zoneFromApi,
    toApi: zoneToApi,
  },
]

type OnRequest = (request: FastifyRequest, reply: FastifyReply) => Promise<void>
const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema }

export type CollectionRoutesDeps = { database: DatabaseHandle; restaurantEvents: RestaurantEvents; clock: Clock }

export function setupRestaurantItemRoutes(
  app: AppInstance,
  deps: CollectionRoutesDeps,
  { operatorOrOwner }: { operatorOrOwner: OnRequest },
) {
  for (const collection of collections) setupCollectionRoutes(app, deps, { operatorOrOwner }, collection)
}

/** GET/POST on the collection, PATCH/DELETE on one of its rows, for the restaurant's owner or the operator. */
export function setupCollectionRoutes(
  app: AppInstance,
  deps: CollectionRoutesDeps,
  { operatorOrOwner }: { operatorOrOwner: OnRequest },
  collection: Collection,
) {
  const { database, restaurantEvents, clock } = deps
  const withId = (row: any, collection: Collection) => ({ id: row.id as string, ...collection.toApi(row, clock.now()) })
  const { table, path, category } = collection
  const idParam = collection.idParam ?? 'itemId'
  const RowParams =
    idParam === 'itemId'
      ? ItemParams
      : Type.Object({ id: Type.String({ format: 'uuid' }), [idParam]: Type.String({ format: 'uuid' }) })
  const rowId = (request: { params: unknown }) => (request.params as Record<string, string>)[idParam]!
  const tags = ['restaurant data']
  // The row as stored: its id plus the input fields (so the OpenAPI document types the dashboard's client).
  const Output = Type.Object(
    { id: Type.String(), ...(collection.input as TSchema & { properties: object }).properties },
    { additionalProperties: true },
  )
  const scoped = async (request: FastifyRequest & { params: { id: string } }) => {
    const restaurantId = restaurantScope(request.caller, request.params.id)
    await getRestaurantOrThrow({ database, restaurantId })
    return restaurantId
  }
  const changing = (tx: unknown, restaurantId: string) =>
    restaurantEvents.changing(tx, { restaurantId, categories: [category] })
  const changed = (restaurantId: string) => restaurantEvents.changed({ restaurantId, categories: [category] })

  app.get(
    `/api/restaurants/:id/${path}`,
    {
      onRequest: operatorOrOwner,
      schema: {
        tags,
        summary: `List ${path}`,
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(Output) }), ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request)
      const rows = await database.withTenant(restaurantId, (tx) =>
        tx
          .select()
          .from(table as any)
          .where(eq(table.restaurantId, restaurantId))
          .orderBy(asc((table as any).position), asc(table.createdAt)),
      )
      return { data: rows.map((row) => withId(row, collection)) }
    },
  )

  app.post(
    `/api/restaurants/:id/${path}`,
    {
      onRequest: operatorOrOwner,
      schema: {
        tags,
        summary: `Add one of ${path}`,
        params: IdParams,
        body: collection.input,
        response: { 201: Output, ...errors },
      },
    },
    async (request, reply) => {
      const restaurantId = await scoped(request)
      const values = { ...collection.fromApi(request.body, 'body'), restaurantId, position: 1_000_000 }
      const [row] = await database.withTenant(restaurantId, async (tx) => {
        const inserted = await tx
          .insert(table)
          .values(values as any)
          .returning()
        await changing(tx, restaurantId)
        return inserted
      })
      await changed(restaurantId)
      return reply.status(201).send(withId(row, collection))
    },
  )

  app.patch(
    `/api/restaurants/:id/${path}/:${idParam}`,
    {
      onRequest: operatorOrOwner,
      schema: {
        tags,
        summary: `Change one of ${path}`,
        params: RowParams,
        body: Type.Partial(collection.input as any),
        response: { 200: Output, ...errors },
      },
    },
    async (request) => {
      const restaurantId = await scoped(request as any)
      const row = await database.withTenant(restaurantId, async (tx) => {
        const match = and(eq(table.id, rowId(request)), eq(table.restaurantId, restaurantId))
        const [current] = await tx
          .select()
          .from(table as any)
          .where(match)
        if (!current) throw notFound(`${path} entry`)
        // Merge in the public shape so that the one validation path applies to the result.
        const merged = { ...collection.toApi(current, clock.now()), ...(request.body as object) }
        const [updated] = await tx
          .update(table)
          .set({
            ...collection.fromApi(merged, 'body'),
            ...('updatedAt' in table ? { updatedAt: clock.now() } : {}),
          } as any)
          .where(match)
          .returning()
        await changing(tx, restaurantId)
        return updated
      })
      await changed(restaurantId)
      return withId(row, collection)
    },
  )

  app.delete(
    `/api/restaurants/:id/${path}/:${idParam}`,
    {
      onRequest: operatorOrOwner,
      schema: {
        tags,
        summary: `Remove one of ${path}`,
        params: RowParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const restaurantId = await scoped(request as any)
      const deleted = await database.withTenant(restaurantId, async (tx) => {
        const rows = await tx
          .delete(table)
          .where(and(eq(table.id, rowId(request)), eq(table.restaurantId, restaurantId)))
          .returning()
        if (rows.length > 0) await changing(tx, restaurantId)
        return rows
      })
      if (deleted.length === 0) throw notFound(`${path} entry`)
      await changed(restaurantId)
      return reply.status(204).send(null)
    },
  )
}

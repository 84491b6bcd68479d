import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { admin, createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { documentEmbeddings } from '../../infra/db/schema.ts'
import { PIZZERIA_NUMBER, pizzeriaBundle } from '../orders/orders.test-utils.ts'
import { toolCall, toolCallsMessage } from '../vapi/vapi-test-utils.ts'

// Prices are said in the bundle's currency wherever a caller hears one: dishes, options, lists
// under a price, zones; and a new currency re-prices them at once (answer cache and index).
const FRIDAY_5PM_CHICAGO = Date.parse('2026-12-04T23:00:00Z')

for (const backend of testBackends()) {
  describe(`prices in the restaurant's currency on ${backend.name}`, () => {
    let t: TestApp
    let id: string
    before(async () => {
      // A long answer-cache lifetime: a new currency must not wait for it.
      t = await createTestApp(backend, {
        config: { cacheTtlSeconds: 3600 },
        overrides: { clock: { now: () => new Date(FRIDAY_5PM_CHICAGO) } },
      })
      ;({ id } = await t.createRestaurant(pizzeriaBundle({ currency: 'EUR' })))
    })
    after(async () => {
      await t.close()
    })

    const ask = async (tool: string, question: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number: PIZZERIA_NUMBER,
          timestamp: FRIDAY_5PM_CHICAGO,
          calls: [toolCall('c', tool, question)],
        }),
      })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().results[0].result as string
    }

    it('says dishes, options, price limits and zone fees in euros, never in dollars', async () => {
      const answers = {
        dish: await ask('get_menu_info', 'how much is the margherita pizza'),
        list: await ask('get_menu_info', 'any pizza under 15 euros'),
        option: await ask('get_modifiers_info', 'how much is extra cheese'),
        zone: await ask('get_zones_info', 'do you deliver to 60647'),
      }
      assert.match(answers.dish, /Margherita Pizza.*€14\b/)
      assert.match(answers.list, /Margherita Pizza \(€14\)/)
      assert.match(answers.list, /at €15 or less/)
      assert.match(answers.option, /Extra Cheese.*€2\b/)
      assert.match(answers.zone, /Logan Square.*delivery is €3, with a €20 minimum order/)
      for (const [kind, answer] of Object.entries(answers)) assert.doesNotMatch(answer, /\$/, `${kind}: ${answer}`)
    })

    it('speaks a new currency from the next question on, the index re-priced with it', async () => {
      assert.match(await ask('get_menu_info', 'how much is the margherita pizza'), /€14\b/)
      const changed = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${id}`,
        headers: admin,
        payload: { name: "Nonna's Pizzeria", currency: 'GBP' },
      })
      assert.equal(changed.statusCode, 200, changed.body)
      assert.match(await ask('get_menu_info', 'how much is the margherita pizza'), /Margherita Pizza.*£14\b/)
      assert.match(await ask('get_zones_info', 'do you deliver to 60647'), /delivery is £3/)
      const [indexed] = await t.database.withTenant(id, (tx) =>
        tx
          .select({ content: documentEmbeddings.content })
          .from(documentEmbeddings)
          .where(and(eq(documentEmbeddings.restaurantId, id), eq(documentEmbeddings.title, 'Margherita Pizza'))),
      )
      assert.match(indexed?.content ?? '', /Price: £14\./)
    })
  })
}

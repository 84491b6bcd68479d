import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, bearer, createTestApp, loadExampleBundle, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { toolCall, toolCallsMessage } from './vapi-test-utils.ts'

const BISTRO_NUMBER = '+12125550101'

for (const backend of testBackends()) {
  describe(`Try it (POST /api/restaurants/:id/try) on ${backend.name}`, () => {
    let t: TestApp
    let bistro: { id: string; api_key: string }
    let other: { id: string; api_key: string }
    const tryIt = (id: string, payload: object, headers: Record<string, string> = admin) =>
      t.app.inject({ method: 'POST', url: `/api/restaurants/${id}/try`, headers, payload })
    const answerOf = async (question: string, tool: string) => {
      const response = await tryIt(bistro.id, { question, tool })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().answers[0]
    }

    before(async () => {
      t = await createTestApp(backend)
      bistro = await t.createRestaurant(loadExampleBundle('petit-bistro'))
      other = await t.createRestaurant(loadExampleBundle('sakura-ramen'))
    })
    after(() => t.close())

    it('answers with every tool, in order, the line the webhook gives for the same question', async () => {
      const response = await tryIt(bistro.id, { question: 'how much is the duck' }, bearer(bistro.api_key))
      assert.equal(response.statusCode, 200, response.body)
      const { question, answers } = response.json()
      assert.equal(question, 'how much is the duck')
      assert.deepEqual(
        answers.map((a: { tool: string }) => a.tool),
        ['get_menu_info', 'get_modifiers_info', 'get_hours_info', 'get_zones_info', 'get_restaurant_info'],
      )
      const webhook = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: toolCallsMessage({
          number: BISTRO_NUMBER,
          calls: [toolCall('t1', 'get_menu_info', 'how much is the duck')],
        }),
      })
      assert.equal(answers[0].result, webhook.json().results[0].result)
      assert.match(answers[0].result, /Duck Confit is \$28\.75/)
      assert.equal(answers[0].unanswered, false)
    })

    it('shows a price change at once, although the webhook cached the old answer', async () => {
      const items = (await t.app.inject({ url: `/api/restaurants/${bistro.id}/menu-items`, headers: admin })).json()
      const duck = items.data.find((item: { name: string }) => item.name === 'Duck Confit')
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/restaurants/${bistro.id}/menu-items/${duck.id}`,
        headers: admin,
        payload: { price: 31.25 },
      })
      assert.equal(patch.statusCode, 200)
      assert.match((await answerOf('how much is the duck', 'get_menu_info')).result, /\$31\.25/)
    })

    it('marks a question nothing answers as unanswered and records nothing in insights', async () => {
      const answer = await answerOf('do you have a kids menu', 'get_menu_info')
      assert.equal(answer.unanswered, true)
      const insights = await t.app.inject({ url: `/api/restaurants/${bistro.id}/insights`, headers: admin })
      assert.deepEqual(insights.json().unanswered, [])
    })

    it("refuses another restaurant's key with 404, and a blank or unknown-tool question with 400", async () => {
      assert.equal((await tryIt(bistro.id, { question: 'duck' }, bearer(other.api_key))).statusCode, 404)
      const blank = await tryIt(bistro.id, { question: '   ' })
      assert.equal(blank.statusCode, 400)
      assert.match(blank.json().error.message, /question/)
      const unknownTool = await tryIt(bistro.id, { question: 'duck', tool: 'get_weather' })
      assert.equal(unknownTool.statusCode, 400)
      assert.match(unknownTool.json().error.message, /tool/)
    })
  })
}

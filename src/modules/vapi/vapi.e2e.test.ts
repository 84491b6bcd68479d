import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { ADMIN_KEY, admin, createTestApp, type TestApp, VAPI_SECRET, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { restaurantPhoneMappings } from '../../infra/db/schema.ts'
import { ALL_TOOL_NAMES } from './assistant-config.ts'
import { NOT_IN_SERVICE } from './assistant-request.usecases.ts'
import { TOOL_ERRORS } from './tool-calls.usecases.ts'
import { assistantRequestMessage, createCollectingRecorder, toolCall, toolCallsMessage } from './vapi-test-utils.ts'

const BISTRO_NUMBER = '+12125550101'
const RAMEN_NUMBER = '+14155550102'
const FRIDAY_6PM_NY = Date.parse('2026-12-04T23:00:00Z')

const bistro = {
  name: 'Le Petit Bistro',
  timezone: 'America/New_York',
  phone_numbers: [BISTRO_NUMBER],
  operating_hours: [
    { day_of_week: 'monday', is_closed: true },
    { day_of_week: 'friday', open_time: '11:30', close_time: '23:30' },
  ],
  delivery_zones: [{ zone_name: 'Chelsea', delivery_fee: 5, min_order: 30, postal_codes: ['10011'] }],
  menu_items: [{ name: 'Duck Confit', description: 'Slow-cooked duck leg with potatoes', price: 28.5 }],
}
const ramen = {
  name: 'Sakura Ramen',
  timezone: 'America/Los_Angeles',
  phone_numbers: [RAMEN_NUMBER],
  operating_hours: [{ day_of_week: 'friday', open_time: '17:00', close_time: '01:00' }],
  delivery_zones: [{ zone_name: 'SoMa', delivery_fee: 4.99, min_order: 25, postal_codes: ['94107'] }],
}

for (const backend of testBackends()) {
  describe(`Vapi webhooks on ${backend.name}`, () => {
    let t: TestApp
    let bistroId: string
    let ramenId: string
    const recording = createCollectingRecorder()
    const post = (payload: unknown, headers: Record<string, string> = vapi, url = '/api/vapi/server') =>
      t.app.inject({ method: 'POST', url, headers, payload: payload as any })

    before(async () => {
      t = await createTestApp(backend, { overrides: { callRecorder: recording.recorder } })
      bistroId = (await t.createRestaurant(bistro)).id
      ramenId = (await t.createRestaurant(ramen)).id
    })
    after(async () => {
      await t.close()
    })

    it('answers every tool call of a message, in order, on all three paths', async () => {
      for (const url of ['/api/vapi/server', '/api/vapi/assistant-request', '/api/vapi/knowledge-base']) {
        const response = await post(
          toolCallsMessage({
            number: BISTRO_NUMBER,
            timestamp: FRIDAY_6PM_NY,
            calls: [
              toolCall('c1', 'get_zones_info', 'do you deliver to 10011'),
              toolCall('c2', 'get_hours_info', 'are you open on monday'),
            ],
          }),
          vapi,
          url,
        )
        assert.equal(response.statusCode, 200, url)
        assert.deepEqual(response.json(), {
          results: [
            {
              toolCallId: 'c1',
              name: 'get_zones_info',
              result: 'Yes, we deliver to 10011, in our Chelsea zone: delivery is $5, with a $30 minimum order.',
              metadata: { postal_codes: [{ postal_code: '10011', zone: 'Chelsea' }] },
            },
            {
              toolCallId: 'c2',
              name: 'get_hours_info',
              result: "On Monday we're closed; we open again on Friday, December 11 at 11:30 AM.",
              metadata: { open_now: true, kind: 'days', days: ['Monday'], dates: ['2026-12-07'] },
            },
          ],
        })
      }
    })

    it('accepts JSON-string arguments, flattened calls, toolWithToolCallList alone and legacy toolCalls', async () => {
      const variants = [
        {
          toolCallList: [
            { id: 'v', type: 'function', function: { name: 'get_zones_info', arguments: '{"query":"chelsea"}' } },
          ],
        },
        { toolCallList: [{ id: 'v', name: 'get_zones_info', arguments: { query: 'chelsea' } }] },
        {
          toolWithToolCallList: [
            {
              type: 'function',
              function: { name: 'get_zones_info' },
              toolCall: toolCall('v', 'get_zones_info', 'chelsea'),
            },
          ],
        },
        { toolCalls: [toolCall('v', 'get_zones_info', 'chelsea')] },
      ]
      for (const variant of variants) {
        const { message } = toolCallsMessage({ number: BISTRO_NUMBER, calls: [] })
        const response = await post({ message: { ...message, toolCallList: undefined, ...variant } })
        assert.equal(response.statusCode, 200)
        assert.match(
          response.json().results[0].result,
          /^Yes, we deliver to Chelsea: delivery is \$5/,
          JSON.stringify(variant),
        )
        assert.equal(response.json().results[0].toolCallId, 'v')
      }
    })

    it('answers the legacy function-call message with a result', async () => {
      const response = await post({
        message: {
          type: 'function-call',
          phoneNumber: { number: BISTRO_NUMBER },
          functionCall: { name: 'get_zones_info', parameters: { query: '10011' } },
        },
      })
      assert.equal(response.statusCode, 200)
      assert.deepEqual(response.json(), {
        result: 'Yes, we deliver to 10011, in our Chelsea zone: delivery is $5, with a $30 minimum order.',
      })
    })

    it('answers unknown tools and missing queries with per-call errors, still HTTP 200', async () => {
      const response = await post(
        toolCallsMessage({
          number: BISTRO_NUMBER,
          calls: [
            toolCall('u', 'order_pizza', 'one large'),
            toolCall('m', 'get_hours_info', undefined),
            toolCall('e', 'get_zones_info', '   '),
            toolCall('ok', 'get_zones_info', 'chelsea'),
          ],
        }),
      )
      assert.equal(response.statusCode, 200)
      const [unknown, missing, empty, ok] = response.json().results
      assert.deepEqual(unknown, { toolCallId: 'u', name: 'order_pizza', error: TOOL_ERRORS.unknownTool('order_pizza') })
      assert.deepEqual(missing, { toolCallId: 'm', name: 'get_hours_info', error: TOOL_ERRORS.missingQuery })
      assert.deepEqual(empty, { toolCallId: 'e', name: 'get_zones_info', error: TOOL_ERRORS.missingQuery })
      assert.match(ok.result, /Chelsea/)
    })

    it('answers a menu question from the dialled restaurant with the item and its price', async () => {
      const response = await post(
        toolCallsMessage({ number: BISTRO_NUMBER, calls: [toolCall('menu', 'get_menu_info', 'how much is the duck')] }),
      )
      assert.equal(response.statusCode, 200)
      const [result] = response.json().results
      assert.equal(result.toolCallId, 'menu')
      assert.equal(result.name, 'get_menu_info')
      assert.match(result.result, /Duck Confit[^.]*\$\d+(\.\d\d)?/)
      assert.doesNotMatch(result.result, /\n/)
    })

    it('gives a number that is not ours per-call errors and no restaurant data', async () => {
      const response = await post(
        toolCallsMessage({
          number: '+19995550199',
          callId: 'stranger',
          calls: [toolCall('z', 'get_zones_info', 'chelsea'), toolCall('h', 'get_hours_info', 'open?')],
        }),
      )
      assert.equal(response.statusCode, 200)
      assert.deepEqual(response.json().results, [
        { toolCallId: 'z', name: 'get_zones_info', error: TOOL_ERRORS.notOurNumber },
        { toolCallId: 'h', name: 'get_hours_info', error: TOOL_ERRORS.notOurNumber },
      ])
    })

    it('never takes the restaurant from tool arguments', async () => {
      const call = {
        id: 'x',
        type: 'function',
        function: { name: 'get_zones_info', arguments: { query: 'chelsea', restaurant_id: bistroId } },
      }
      const response = await post(toolCallsMessage({ callId: 'no-number', calls: [call] }))
      assert.deepEqual(response.json().results, [
        { toolCallId: 'x', name: 'get_zones_info', error: TOOL_ERRORS.notOurNumber },
      ])
    })

    it('greets with the restaurant name and its local time at assistant-request', async () => {
      const response = await post(
        assistantRequestMessage({ number: BISTRO_NUMBER, callId: 'greet', timestamp: FRIDAY_6PM_NY }),
      )
      assert.equal(response.statusCode, 200)
      const body = response.json()
      assert.equal(body.assistant.name, 'Restaurant Receptionist')
      assert.equal(body.assistant.model.tools.length, ALL_TOOL_NAMES.length)
      assert.deepEqual(body.assistantOverrides, {
        firstMessage: 'Thanks for calling Le Petit Bistro! How can I help you today?',
        variableValues: {
          restaurant_id: bistroId,
          restaurant_name: 'Le Petit Bistro',
          timezone: 'America/New_York',
          local_date: 'Friday, December 4, 2026',
          local_time: '6:00 PM',
          open_now: 'true',
          open_now_text: "We're open right now until 11:30 PM.",
          today_hours: '11:30 AM to 11:30 PM',
        },
        metadata: { restaurant_id: bistroId },
      })
    })

    it('refuses an unknown number at assistant-request with a spoken error and nothing else', async () => {
      const response = await post(assistantRequestMessage({ number: '+19995550199', callId: 'unknown' }))
      assert.equal(response.statusCode, 200)
      assert.deepEqual(response.json(), { error: NOT_IN_SERVICE })
    })

    it('finds the restaurant by Vapi phone-number id and by the call id kept from assistant-request', async () => {
      await t.database.db
        .update(restaurantPhoneMappings)
        .set({ vapiPhoneNumberId: 'pn-ramen' })
        .where(eq(restaurantPhoneMappings.phoneNumber, RAMEN_NUMBER))
      const byId = await post(assistantRequestMessage({ phoneNumberId: 'pn-ramen', callId: 'ramen-call' }))
      assert.equal(byId.json().assistantOverrides.variableValues.restaurant_id, ramenId)
      // Later messages of that call carry neither the number nor the id.
      const later = await post(
        toolCallsMessage({ callId: 'ramen-call', calls: [toolCall('z', 'get_zones_info', '94107')] }),
      )
      assert.match(later.json().results[0].result, /SoMa zone/)
    })

    it('lets an operator override name the restaurant only when the call carries no number of ours', async () => {
      const calls = [toolCall('z', 'get_zones_info', 'soma')]
      const header = await post(toolCallsMessage({ callId: 'web-1', calls }), { ...vapi, 'x-restaurant-id': ramenId })
      assert.match(header.json().results[0].result, /^Yes, we deliver to SoMa/)
      const query = await post(
        toolCallsMessage({ callId: 'web-2', calls }),
        vapi,
        `/api/vapi/server?restaurant_id=${ramenId}`,
      )
      assert.match(query.json().results[0].result, /^Yes, we deliver to SoMa/)
      const outranked = await post(toolCallsMessage({ number: BISTRO_NUMBER, callId: 'web-3', calls }), {
        ...vapi,
        'x-restaurant-id': ramenId,
      })
      assert.doesNotMatch(outranked.json().results[0].result, /^Yes/)
    })

    it('follows a number moved to another restaurant at once', async () => {
      const moving = '+12125550150'
      const first = await t.createRestaurant({
        name: 'First',
        phone_numbers: [moving],
        delivery_zones: [{ zone_name: 'Harlem', delivery_fee: 1 }],
      })
      const calls = [toolCall('z', 'get_zones_info', 'harlem')]
      assert.match(
        (await post(toolCallsMessage({ number: moving, calls }))).json().results[0].result,
        /^Yes, we deliver to Harlem/,
      )
      const released = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${first.id}`,
        headers: admin,
        payload: { name: 'First', phone_numbers: [] },
      })
      assert.equal(released.statusCode, 200)
      assert.deepEqual((await post(toolCallsMessage({ number: moving, calls }))).json().results, [
        { toolCallId: 'z', name: 'get_zones_info', error: TOOL_ERRORS.notOurNumber },
      ])
      await t.createRestaurant({
        name: 'Second',
        phone_numbers: [moving],
        delivery_zones: [{ zone_name: 'Inwood', delivery_fee: 2 }],
      })
      assert.match(
        (await post(toolCallsMessage({ number: moving, calls }))).json().results[0].result,
        /^We deliver to 1 area: Inwood, \$2 delivery\.$/,
      )
    })

    it('hands call events and answered tool calls to the call recorder', async () => {
      recording.messages.length = 0
      recording.invocations.length = 0
      const status = await post({
        message: {
          type: 'status-update',
          status: 'in-progress',
          call: { id: 'rec' },
          phoneNumber: { number: BISTRO_NUMBER },
        },
      })
      const report = await post({
        message: {
          type: 'end-of-call-report',
          endedReason: 'customer-ended-call',
          call: { id: 'rec2' },
          phoneNumber: { number: '+19995550199' },
        },
      })
      assert.deepEqual([status.statusCode, status.json(), report.statusCode, report.json()], [200, {}, 200, {}])
      await post(
        toolCallsMessage({
          number: BISTRO_NUMBER,
          callId: 'rec',
          timestamp: FRIDAY_6PM_NY,
          calls: [
            toolCall('a', 'get_zones_info', 'do you deliver to brooklyn'),
            toolCall('b', 'get_menu_info', 'pasta?'),
          ],
        }),
      )
      assert.deepEqual(recording.messages, [
        { type: 'status-update', restaurantId: bistroId },
        { type: 'end-of-call-report', restaurantId: null },
      ])
      assert.deepEqual(
        recording.invocations.map(({ tool, query, unanswered, vapiCallId, restaurantId }) => ({
          tool,
          query,
          unanswered,
          vapiCallId,
          restaurantId,
        })),
        [
          {
            tool: 'get_zones_info',
            query: 'do you deliver to brooklyn',
            unanswered: true,
            vapiCallId: 'rec',
            restaurantId: bistroId,
          },
          { tool: 'get_menu_info', query: 'pasta?', unanswered: true, vapiCallId: 'rec', restaurantId: bistroId },
        ],
      )
      assert.equal(recording.invocations[0]!.at.toISOString(), '2026-12-04T23:00:00.000Z')
    })

    it('answers other message types with an empty object', async () => {
      for (const type of ['conversation-update', 'speech-update', 'hang', 'something-new']) {
        const response = await post({ message: { type, call: { id: 'x' } } })
        assert.deepEqual([response.statusCode, response.json()], [200, {}])
      }
    })

    it('takes end-of-call reports larger than the API body limit, up to 4 MiB', async () => {
      const transcript = 'User: hello\nAI: hi\n'.repeat(100_000) // ~1.9 MB
      const ok = await post({ message: { type: 'end-of-call-report', artifact: { transcript } } })
      assert.equal(ok.statusCode, 200)
      const tooBig = await post({
        message: { type: 'end-of-call-report', artifact: { transcript: transcript.repeat(3) } },
      })
      assert.equal(tooBig.statusCode, 413)
      assert.equal(tooBig.json().error.code, 'payload_too_large')
    })

    it('rejects malformed bodies with a 4xx in the error shape', async () => {
      const cases: [string, string | undefined, number, RegExp][] = [
        ['{"message": ', 'application/json', 400, /./],
        ['{}', 'application/json', 400, /body\.message/],
        ['{"message": "tool-calls"}', 'application/json', 400, /body\.message/],
        ['{"message": {"call": {}}}', 'application/json', 400, /body\.message\.type/],
        ['{"message": {"type": 7}}', 'application/json', 400, /body\.message\.type/],
        ['[]', 'application/json', 400, /body/],
        ['message=x', 'application/x-www-form-urlencoded', 415, /./],
      ]
      for (const [payload, contentType, status, field] of cases) {
        const response = await post(payload, { ...vapi, 'content-type': contentType! })
        assert.equal(response.statusCode, status, payload)
        assert.match(response.json().error.message, field, payload)
        assert.equal(typeof response.json().error.request_id, 'string')
      }
    })

    it('needs the Vapi secret, as X-Vapi-Secret or a bearer token, and refuses the admin key', async () => {
      const message = toolCallsMessage({ number: BISTRO_NUMBER, calls: [toolCall('a', 'get_zones_info', 'chelsea')] })
      const refused: Record<string, string>[] = [
        {},
        { 'x-vapi-secret': 'wrong-secret-0123456789' },
        admin,
        { 'x-vapi-secret': ADMIN_KEY },
        { authorization: 'Basic abc' },
      ]
      for (const headers of refused) {
        const response = await post(message, headers)
        assert.equal(response.statusCode, 401, JSON.stringify(headers))
        assert.equal(response.json().error.code, 'unauthorized')
      }
      const bearer = await post(message, { authorization: `Bearer ${VAPI_SECRET}` })
      assert.equal(bearer.statusCode, 200)
    })
  })
}

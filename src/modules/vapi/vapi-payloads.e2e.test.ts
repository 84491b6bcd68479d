import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, createTestApp, loadExampleBundle, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { type SentPayload, typecheckAgainstVapiSdk } from '../../../test/support/vapi-sdk-types.ts'
import { createVapiClient } from '../../infra/vapi/vapi-client.ts'
import { type Providers, startProviders } from '../phones/phones.test-utils.ts'
import { transferReportMessage, transferUpdateMessage } from '../transfer/transfers.test-utils.ts'
import { syncSharedAssistant } from '../vapi-sync/vapi-sync.usecases.ts'
import { assistantRequestMessage, toolCall, toolCallsMessage } from './vapi-test-utils.ts'

// Everything the server sends Vapi, produced by the real code paths (vapi:sync, number
// provisioning, the webhook's answers), compiled as object literals against the official SDK's
// types: a field Vapi does not know fails here rather than on the first real call. The check is
// about the bodies, not the database, so it runs on PGlite only.

const PIZZERIA = '+13125550103'
const FRIDAY_5PM_CHICAGO = Date.parse('2026-12-04T23:00:00Z')
const SETTINGS = {
  tax_rate: 0.1,
  transfer_number: '+13125550199',
  ordering: { enabled: true },
  reservations: { enabled: true, max_party_size: 8 },
}
const ORDER = {
  items: [{ name: 'Margherita Pizza', quantity: 2 }],
  fulfillment: 'pickup',
  customer_name: 'Ada',
  notes: 'ring the bell',
  allergies: 'peanuts',
}

const REQUEST_TYPES: Record<string, string> = {
  'POST /tool': 'Vapi.CreateToolsRequest',
  'PATCH /tool': 'Vapi.UpdateToolsRequestBody',
  'POST /assistant': 'Vapi.CreateAssistantDto',
  'PATCH /assistant': 'Omit<Vapi.UpdateAssistantDto, "id">',
  'POST /phone-number': 'Vapi.CreatePhoneNumbersRequest',
  'PATCH /phone-number': 'Vapi.UpdatePhoneNumbersRequestBody',
}

const [pglite] = testBackends()

describe('every payload the server sends Vapi compiles against @vapi-ai/server-sdk', () => {
  let p: Providers
  let t: TestApp
  const payloads: SentPayload[] = []
  const webhook = async (label: string, type: string, message: Record<string, unknown>, app = t) => {
    const response = await app.app.inject({ method: 'POST', url: '/api/vapi/server', headers: vapi, payload: message })
    assert.equal(response.statusCode, 200, response.body)
    payloads.push({ label, type, body: response.json() })
    return response.json()
  }

  before(async () => {
    p = await startProviders()
    t = await createTestApp(pglite!, { config: p.config })
  })
  after(async () => {
    await t?.close()
    await p?.close()
  })

  it('sync, provisioning and the webhook answers give no type error', async () => {
    // Provisioning: one number already in Vapi (PATCH), one the Twilio account owns (POST).
    p.vapi.seedPhoneNumber({ number: '+14155550100' })
    p.twilio.own('+14155550201')
    for (const extra of [{}, { force_twilio: true }]) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/restaurants',
        headers: admin,
        payload: { name: `Number ${payloads.length}`, assign_phone: true, ...extra },
      })
      assert.equal(created.json().phone_assignment?.status, 'assigned', created.body)
    }
    await t.createRestaurant({ ...loadExampleBundle('nonnas-pizzeria'), settings: SETTINGS })

    const transient = await webhook(
      'assistant-request (transient assistant)',
      'Vapi.ServerMessageResponseAssistantRequest',
      assistantRequestMessage({ number: PIZZERIA, timestamp: FRIDAY_5PM_CHICAGO }),
    )
    assert.ok(transient.assistant, 'before vapi:sync the assistant is sent whole')
    const calls = [
      toolCall('menu', 'get_menu_info', 'do you have vegetarian pizza'),
      toolCall('hours', 'get_hours_info', 'are you open now'),
      toolCall('zones', 'get_zones_info', 'do you deliver to 60647'),
      toolCall('info', 'get_restaurant_info', 'is there parking'),
      toolCall('unknown', 'no_such_tool', 'hello'),
      { id: 'quote', type: 'function', function: { name: 'quote_order', arguments: ORDER } },
      {
        id: 'unknown-dish',
        type: 'function',
        function: { name: 'quote_order', arguments: { ...ORDER, items: [{ name: 'sushi' }] } },
      },
      { id: 'place', type: 'function', function: { name: 'place_order', arguments: ORDER } },
      {
        id: 'book',
        type: 'function',
        function: { name: 'book_table', arguments: { party_size: 2, date: '2026-12-05', time: '19:00', name: 'Ada' } },
      },
      { id: 'status', type: 'function', function: { name: 'order_status', arguments: {} } },
      { id: 'cancel', type: 'function', function: { name: 'cancel_order', arguments: {} } },
    ]
    const { results } = await webhook(
      'tool-calls results',
      'Vapi.ServerMessageResponseToolCalls',
      toolCallsMessage({ number: PIZZERIA, calls, timestamp: FRIDAY_5PM_CHICAGO }),
    )
    assert.equal(results.length, calls.length, 'one result per tool call, answers and errors alike')
    const transfer = (number: string, timestamp: number) => ({
      message: {
        type: 'transfer-destination-request',
        timestamp,
        call: { id: 'transfer-call', type: 'inboundPhoneCall', customer: { number: '+13125559876' } },
        phoneNumber: { provider: 'twilio', number },
        customer: { number: '+13125559876' },
      },
    })
    const open = await webhook(
      'transfer destination',
      'Vapi.ServerMessageResponseTransferDestinationRequest',
      transfer(PIZZERIA, FRIDAY_5PM_CHICAGO),
    )
    assert.equal(open.destination?.number, SETTINGS.transfer_number)
    await webhook(
      'transfer refused (closed)',
      'Vapi.ServerMessageResponseTransferDestinationRequest',
      transfer(PIZZERIA, Date.parse('2026-12-04T15:00:00Z')),
    )

    // The transfer messages the tests send, as Vapi's types describe them (and answered with {}).
    const where = { callId: 'transfer-call', number: PIZZERIA, caller: '+13125559876', at: '2026-12-04T23:01:00Z' }
    for (const [label, type, message] of [
      ['transfer-update', 'Vapi.ServerMessageTransferUpdate', transferUpdateMessage({ ...where, status: 'no-answer' })],
      [
        'end-of-call-report with transfers',
        'Vapi.ServerMessageEndOfCallReport',
        transferReportMessage({ ...where, endedReason: 'call.forwarding.no-answer', statuses: ['no-answer'] }),
      ],
    ] as const) {
      payloads.push({ label, type, body: message })
      const answer = await t.app.inject({
        method: 'POST',
        url: '/api/vapi/server',
        headers: vapi,
        payload: { message },
      })
      assert.deepEqual(answer.json(), {})
    }

    // vapi:sync: every tool and the assistant created, then all updated for a new server URL.
    const client = createVapiClient({ apiKey: p.vapi.apiKey, baseUrl: p.vapi.url, timeoutSeconds: 5, maxRetries: 0 })
    for (const url of ['https://voice.example.test/api/vapi/server', 'https://moved.example.test/api/vapi/server'])
      await syncSharedAssistant({ database: t.database, vapi: client, server: { url, secret: 'webhook-secret' } })

    // After the sync, a fresh instance answers with the synced assistant's id.
    const synced = await createTestApp(pglite!, { config: p.config, database: t.database })
    try {
      const answer = await webhook(
        'assistant-request (synced assistant)',
        'Vapi.ServerMessageResponseAssistantRequest',
        assistantRequestMessage({ number: PIZZERIA, timestamp: FRIDAY_5PM_CHICAGO }),
        synced,
      )
      assert.ok(answer.assistantId && !answer.assistant)
    } finally {
      await synced.close()
    }

    const sent = new Set<string>()
    for (const request of p.vapi.writes()) {
      const key = `${request.method} /${request.path.split('/')[1]}`
      const type = REQUEST_TYPES[key]
      assert.ok(type, `no SDK type known for ${key}`)
      sent.add(key)
      const name = request.body?.function?.name ?? request.body?.name ?? request.body?.type ?? ''
      payloads.push({ label: `${key} ${name}`, type, body: request.body })
    }
    assert.deepEqual([...sent].sort(), Object.keys(REQUEST_TYPES).sort(), 'every kind of request was sent')

    assert.deepEqual(typecheckAgainstVapiSdk(payloads), [])
  })
})

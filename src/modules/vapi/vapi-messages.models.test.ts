import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { legacyFunctionCallOf, messageTime, singleLine, toolCallsOf } from './vapi-messages.models.ts'

describe('reading tool calls from every payload shape Vapi has sent', () => {
  it('reads function.arguments as an object or a JSON string, and flattened calls', () => {
    const calls = toolCallsOf({
      type: 'tool-calls',
      toolCallList: [
        { id: 'a', type: 'function', function: { name: 'get_hours_info', arguments: { query: ' open now? ' } } },
        { id: 'b', type: 'function', function: { name: 'get_zones_info', arguments: '{"query":"10002"}' } },
        { id: 'c', name: 'get_zones_info', arguments: { query: 'chelsea' } },
        { id: 'd', name: 'get_zones_info', parameters: { query: 'soho' } },
        { id: 'e', function: { name: 'get_hours_info', arguments: '{not json' } },
      ],
    })
    assert.deepEqual(calls, [
      { id: 'a', name: 'get_hours_info', query: 'open now?', arguments: { query: ' open now? ' } },
      { id: 'b', name: 'get_zones_info', query: '10002', arguments: { query: '10002' } },
      { id: 'c', name: 'get_zones_info', query: 'chelsea', arguments: { query: 'chelsea' } },
      { id: 'd', name: 'get_zones_info', query: 'soho', arguments: { query: 'soho' } },
      // Arguments that are not JSON are no arguments at all.
      { id: 'e', name: 'get_hours_info', query: undefined, arguments: {} },
    ])
  })

  it('falls back to toolWithToolCallList, then to the legacy toolCalls', () => {
    const toolCall = { id: 'x', type: 'function', function: { name: 'get_hours_info', arguments: { query: 'q' } } }
    assert.deepEqual(toolCallsOf({ type: 'tool-calls', toolWithToolCallList: [{ type: 'function', toolCall }] }), [
      { id: 'x', name: 'get_hours_info', query: 'q', arguments: { query: 'q' } },
    ])
    assert.deepEqual(toolCallsOf({ type: 'tool-calls', toolCallList: [], toolCalls: [toolCall] }), [
      { id: 'x', name: 'get_hours_info', query: 'q', arguments: { query: 'q' } },
    ])
    assert.deepEqual(toolCallsOf({ type: 'tool-calls' }), [])
  })

  it('reads the legacy function-call message', () => {
    assert.deepEqual(
      legacyFunctionCallOf({
        type: 'function-call',
        functionCall: { name: 'get_zones_info', parameters: { query: 'soma' } },
      }),
      { id: 'function-call', name: 'get_zones_info', query: 'soma', arguments: { query: 'soma' } },
    )
    assert.equal(legacyFunctionCallOf({ type: 'function-call' }), undefined)
  })
})

describe('message timestamps', () => {
  const fallback = new Date('2030-01-01T00:00:00Z')
  it('reads epoch milliseconds, seconds, numeric strings and ISO strings', () => {
    const expected = '2026-12-04T23:00:00.000Z'
    for (const value of [1796425200000, 1796425200, '1796425200000', '2026-12-04T23:00:00Z']) {
      assert.equal(messageTime(value, fallback).toISOString(), expected, String(value))
    }
  })
  it('falls back to the clock for anything else', () => {
    for (const value of [undefined, null, '', 'soon', -5, {}]) assert.equal(messageTime(value, fallback), fallback)
  })
})

it('makes results single-line', () => {
  assert.equal(singleLine('Open:\n  Mon 9–5\r\nTue   closed\n'), 'Open: Mon 9–5 Tue closed')
})

import fc from 'fast-check'

// Generators of hostile HTTP input. Objects are kept as lists of [key, value] pairs and written
// out by hand, so that `__proto__` and duplicate keys reach the server as text, as an attacker
// would send them (JSON.stringify would drop or merge them).

/** Every byte percent-encoded; unlike encodeURIComponent it accepts lone surrogates. */
export const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')

export type Json = null | boolean | number | string | { raw: string } | Json[] | { pairs: [string, Json][] }

export const HOSTILE_STRINGS = [
  "'; DROP TABLE restaurants; --",
  "' OR '1'='1",
  '%',
  '_',
  '\\',
  '%_\\%',
  '%%%%',
  '\\_\\%',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  ' ',
  '\t\r\n',
  '😀'.repeat(300),
  '\u202e',
  'null',
  'true',
  '[]',
  '{}',
  '+1',
  '+12125550181',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '2026-02-30T25:61:61Z',
  '-999999-01-01',
]
const ABSURD_NUMBERS = [
  '1e400',
  '-1e400',
  '1e308',
  '-1e308',
  '9007199254740993',
  '-0',
  '0.1e-400',
  '1' + '0'.repeat(400),
  '123456789012345678901234567890',
  '2147483648',
  '-2147483649',
]
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  'a'.repeat(5000),
]

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('\u0000', '%', '_', "'", '\\', '\ud800'),
        fc.string({ maxLength: 10 }),
      )
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)) },
)
const hostileNumber = fc
  .oneof(
    fc.constantFrom(...ABSURD_NUMBERS),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.integer().map(String),
  )
  .map((text) => ({ raw: text }))

export function hostileJson(keys: string[]): fc.Arbitrary<Json> {
  const key = fc.oneof(fc.constantFrom(...keys, ...HOSTILE_KEYS), fc.string({ maxLength: 12 }))
  const { value } = fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString as fc.Arbitrary<Json>,
      hostileNumber as fc.Arbitrary<Json>,
      fc.boolean(),
      fc.constant(null) as fc.Arbitrary<Json>,
      fc.array(tie('value'), { maxLength: 4 }) as fc.Arbitrary<Json>,
      fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((pairs): Json => ({ pairs })),
    ),
  }))
  return value
}

export function writeJson(value: Json): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`
  if ('raw' in value) return value.raw
  return `{${value.pairs.map(([k, v]) => `${JSON.stringify(k)}:${writeJson(v)}`).join(',')}}`
}

/** A valid payload with some fields replaced by hostile values (and hostile keys added). */
function mutated(valid: Record<string, unknown>, keys: string[], values: fc.Arbitrary<Json>) {
  return fc
    .array(fc.tuple(fc.constantFrom(...keys, ...HOSTILE_KEYS), values), { minLength: 1, maxLength: 4 })
    .map((changes) => {
      const pairs: [string, string][] = Object.entries(valid).map(([k, v]) => [k, JSON.stringify(v)])
      for (const [k, v] of changes) {
        const at = pairs.findIndex(([name]) => name === k)
        if (at >= 0 && k !== '__proto__') pairs[at] = [k, writeJson(v)]
        else pairs.push([k, writeJson(v)])
      }
      return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`
    })
}

const nested = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  )

/** Raw bodies: mutated valid payloads, hostile JSON, deep nesting, broken JSON and bytes that are not UTF-8. */
export function hostileBody(valid: Record<string, unknown> | undefined, keys: string[]): fc.Arbitrary<string | Buffer> {
  const base = valid ?? {}
  const text = JSON.stringify(base)
  return fc.oneof(
    { weight: 4, arbitrary: mutated(base, keys.length > 0 ? keys : ['name'], hostileJson(keys)) },
    // Right type, hostile text: these pass validation and reach the queries.
    {
      weight: 6,
      arbitrary:
        keys.length > 0
          ? fc
              .array(fc.tuple(fc.constantFrom(...keys), hostileString), { minLength: 1, maxLength: 2 })
              .map((changes) => JSON.stringify({ ...base, ...Object.fromEntries(changes) }))
          : fc.constant('{}'),
    },
    { weight: 3, arbitrary: hostileJson(keys).map(writeJson) },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n)) },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 64 })
        .map((bytes) =>
          Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xc3, 0x28, ...bytes]), Buffer.from('"}')]),
        ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1_100_000, max: 4_300_000 }).map((n) => `{"name":"${'x'.repeat(n)}"}`) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1_000, max: 30_000 }).map((n) => `[${'{"name":"x","price":1},'.repeat(n)}{}]`),
    },
  )
}

const QUERY_KEYS = [
  'caller',
  'outcome',
  'cursor',
  'from',
  'limit',
  'offset',
  'cursor',
  'from',
  'to',
  'days',
  'outcome',
  'caller',
  'restaurant_id',
  'unanswered_limit',
  'release_numbers',
  'release_number',
  '__proto__',
  'constructor[prototype][polluted]',
  'limit[]',
]

/** A query string of hostile parameters, some of them not even valid percent-encoding. */
export const hostileQuery = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), hostileString, fc.boolean()), { maxLength: 4 })
  .map((params) =>
    params
      .map(([k, v, raw]) => {
        const value = raw ? v.slice(0, 200).replace(/[^\x21-\x7e]|[#&]/g, '%') : percentEncode(v.slice(0, 2000))
        return `${percentEncode(k)}=${value}`
      })
      .join('&'),
  )

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'application/json, text/html',
]

/** Extra headers: odd content types, spoofed proxies and ids, overlong credentials. */
export const hostileHeaders = fc.record(
  {
    'content-type': fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/json') },
      { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    ),
    'x-request-id': fc.string({ maxLength: 300 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    'x-forwarded-for': fc.constantFrom('127.0.0.1, 10.0.0.1', 'not-an-ip', '::1', '1.1.1.1,'.repeat(200)),
    'x-restaurant-id': fc.constantFrom('00000000-0000-0000-0000-000000000000', "' OR 1=1 --", '__proto__'),
  },
  { requiredKeys: ['content-type'] },
)

const MESSAGE_TYPES = [
  'assistant-request',
  'tool-calls',
  'function-call',
  'end-of-call-report',
  'status-update',
  'transcript',
  'hang',
  'conversation-update',
  'speech-update',
  'unknown-type',
]
const TOOL_NAMES = ['get_menu_info', 'get_modifiers_info', 'get_hours_info', 'get_zones_info', 'transferCall']
const MESSAGE_FIELDS = [
  'call',
  'phoneNumber',
  'customer',
  'toolCallList',
  'toolCalls',
  'functionCall',
  'artifact',
  'analysis',
  'endedReason',
  'startedAt',
  'endedAt',
  'cost',
  'costs',
  'status',
  'timestamp',
  'transcript',
  'messages',
]

/**
 * A Vapi server message of a real type whose fields are hostile; half of them dial `number`,
 * so they reach the handlers.
 */
export function hostileVapiMessage(number: string): fc.Arbitrary<string> {
  const toolCall = fc
    .record({
      id: fc.oneof(hostileString, fc.constant('t1')),
      type: fc.constant('function'),
      function: fc.record({
        name: fc.oneof(fc.constantFrom(...TOOL_NAMES), hostileString),
        arguments: fc.oneof(
          hostileString,
          hostileJson(['query'])
            .map(writeJson)
            .map((raw) => ({ raw })),
        ),
      }),
    })
    .map((c) => {
      const args =
        typeof c.function.arguments === 'string' ? JSON.stringify(c.function.arguments) : c.function.arguments.raw
      const fn = `{"name":${JSON.stringify(c.function.name)},"arguments":${args}}`
      return { raw: `{"id":${JSON.stringify(c.id)},"type":"function","function":${fn}}` }
    })
  return fc
    .tuple(
      fc.constantFrom(...MESSAGE_TYPES),
      fc.boolean(),
      fc.array(toolCall, { maxLength: 30 }),
      fc.array(fc.tuple(fc.constantFrom(...MESSAGE_FIELDS, ...HOSTILE_KEYS), hostileJson(MESSAGE_FIELDS)), {
        maxLength: 5,
      }),
    )
    .map(([type, dialsUs, calls, fields]) => {
      const pairs = [`"type":${JSON.stringify(type)}`, `"toolCallList":[${calls.map((c) => c.raw).join(',')}]`]
      if (dialsUs) pairs.push(`"phoneNumber":{"number":${JSON.stringify(number)}}`, '"call":{"id":"hostile-call"}')
      for (const [k, v] of fields) pairs.push(`${JSON.stringify(k)}:${writeJson(v)}`)
      return `{"message":{${pairs.join(',')}}}`
    })
}

/** What replaces a path parameter: ids of nothing, injections, traversal, overlong text. */
export const hostilePathParam = fc
  .oneof(fc.constantFrom(...HOSTILE_STRINGS.map((s) => s.slice(0, 300))), fc.string({ unit: 'binary', maxLength: 40 }))
  .map((s) => percentEncode(s))

import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { freePort } from '../../scripts/test-services.mjs'
import { bundleA, NUMBER_A } from '../../test/hardening/hardening.test-utils.ts'
import { testBackends } from '../../test/support/database.ts'
import {
  BENCH_ADMIN_KEY,
  BENCH_VAPI_SECRET,
  type ServerProcess,
  startServerProcess,
} from '../../test/support/server-process.ts'
import { LOCAL_EMBEDDING_MODEL } from '../infra/embeddings/local-embeddings.ts'
import { toolCall, toolCallsMessage } from '../modules/vapi/vapi-test-utils.ts'

// The CLI as an operator runs it (`npm run cli -- …` is `tsx src/cli/cli.ts …`), in its own process.

const ADMIN_KEY = 'cli-admin-key-0123456789'
// Every searchable row of bundleA has one document: its menu items, modifiers, zones and FAQs.
const DOCUMENTS = ['menu_items', 'modifiers', 'delivery_zones', 'faqs'] as const
const INDEXED = DOCUMENTS.reduce((sum, section) => sum + bundleA[section].length, 0)
const work = mkdtempSync(path.join(tmpdir(), 'rv-cli-'))
const BUNDLE = path.join(work, 'alpha.json')
writeFileSync(BUNDLE, JSON.stringify(bundleA))
const DUCK = 'The Duck Confit is $28.99: crispy duck leg. It is gluten-free.'

type Run = { code: number; stdout: string; stderr: string }

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/cli.ts', ...args],
      { env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

after(() => rmSync(work, { recursive: true, force: true }))

// Embedded PGlite in a temporary DATA_DIR: what `npm run cli` uses without DATABASE_URL.
{
  const backend = testBackends()[0]!
  describe(`the CLI on the database the environment configures (${backend.name})`, () => {
    let env: Record<string, string>
    let close = async () => {}
    let id: string
    before(async () => {
      env = { ADMIN_API_KEY: ADMIN_KEY, DATA_DIR: mkdtempSync(path.join(work, 'data-')) }
      if (backend.name === 'postgres') {
        const database = await backend.create()
        env.DATABASE_URL = database.url!
        close = () => database.close()
      }
    })
    after(() => close())

    it('imports a bundle, then lists and exports it', async () => {
      const imported = await cli(['restaurants', 'import', BUNDLE, '--json'], env)
      assert.equal(imported.code, 0, imported.stderr)
      const created = JSON.parse(imported.stdout)
      id = created.id
      assert.equal(created.name, bundleA.name)
      assert.match(created.api_key, /^rk_/)

      const listed = await cli(['restaurants', 'list'], env)
      assert.equal(listed.code, 0, listed.stderr)
      assert.match(listed.stdout, /^id\s+name\s+phone numbers\s+menu items$/m)
      assert.match(listed.stdout, new RegExp(`^${id}  Alpha Bistro  \\+12125550181\\s+2$`, 'm'))

      const exported = await cli(['restaurants', 'export', id], env)
      assert.equal(exported.code, 0, exported.stderr)
      const bundle = JSON.parse(exported.stdout)
      assert.deepEqual(
        bundle.menu_items.map((item: { name: string; price: number }) => [item.name, item.price]),
        [
          ['Duck Confit', 28.99],
          ['Onion Soup', 9.5],
        ],
      )
      assert.deepEqual(bundle.phone_numbers, [NUMBER_A])
    })

    it('asks through the webhook code: the tool, the exact result and the items', async () => {
      const asked = await cli(['ask', NUMBER_A, 'how much is the duck confit'], env)
      assert.equal(asked.code, 0, asked.stderr)
      assert.equal(
        asked.stdout,
        [
          `restaurant: Alpha Bistro (${id})`,
          'tool: get_menu_info',
          `result: ${DUCK}`,
          'items: Duck Confit ($28.99)',
          '',
        ].join('\n'),
      )
      const stranger = await cli(['ask', '+19175550100', 'the duck', '--tool', 'get_menu_info'], env)
      assert.equal(stranger.code, 1)
      assert.match(stranger.stdout, /error: This phone line isn't connected to a restaurant/)
    })

    it('shows the index: documents, embedded and pending per model', async () => {
      const status = await cli(['index', 'status', '--json'], env)
      assert.equal(status.code, 0, status.stderr)
      assert.deepEqual(JSON.parse(status.stdout).models, [
        { model: LOCAL_EMBEDDING_MODEL, current: true, documents: INDEXED, embedded: INDEXED, pending: 0 },
      ])
    })

    it('says what is wrong, with exit codes: 1 refused, 2 usage or input', async () => {
      const missing = await cli(['restaurants', 'export', '00000000-0000-4000-8000-000000000000'], env)
      assert.deepEqual([missing.code, missing.stderr.trim()], [1, 'error: 404: Restaurant not found'])
      const invalid = writeBundle({ name: 'Bad', menu_items: [{ name: 'Soup', price: '12' }] })
      const refused = await cli(['restaurants', 'import', invalid], env)
      assert.equal(refused.code, 1)
      assert.match(refused.stderr, /400: .*menu_items/)
      const unreadable = await cli(['restaurants', 'import', path.join(work, 'nope.json')], env)
      assert.equal(unreadable.code, 2)
      assert.match(unreadable.stderr, /cannot read .*nope\.json/)
    })
  })
}

function writeBundle(bundle: unknown) {
  const file = path.join(work, `bundle-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(file, JSON.stringify(bundle))
  return file
}

describe('the CLI', () => {
  it('has --help for every command', async () => {
    for (const command of [[], ['restaurants', 'import']]) {
      const help = await cli([...command, '--help'], {})
      assert.equal(help.code, 0, command.join(' '))
      assert.match(help.stdout, new RegExp(`^Usage: npm run cli -- ${command.join(' ')}`.trimEnd()))
    }
    const ask = await cli(['ask', '--help'], {})
    assert.match(ask.stdout, /<number> <question>/)
    assert.match(ask.stdout, /--tool <name>/)
  })

  it('refuses wrong usage with exit code 2 before opening anything', async () => {
    const unknown = await cli(['restaurants', 'rename'], {})
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /unknown command 'rename'/)
    const badTool = await cli(['ask', NUMBER_A, 'duck', '--tool', 'get_weather'], {})
    assert.equal(badTool.code, 2)
    assert.match(badTool.stderr, /Allowed choices are get_menu_info/)
  })
})

describe('the CLI against a running server (--url, --key)', () => {
  let server: ServerProcess
  let remote: string[]
  before(async () => {
    server = await startServerProcess({ METRICS_TOKEN: 'cli-metrics-token-0123456789' })
    remote = ['--url', server.url, '--key', BENCH_ADMIN_KEY]
  })
  after(async () => {
    await server.stop()
  })

  it('runs every command on the server, and asks exactly what the webhook answers', async () => {
    const imported = await cli([...remote, 'restaurants', 'import', BUNDLE, '--json'], {})
    assert.equal(imported.code, 0, imported.stderr)
    const { id } = JSON.parse(imported.stdout)
    const listed = await cli([...remote, 'restaurants', 'list', '--json'], {})
    assert.deepEqual(
      JSON.parse(listed.stdout).map((r: { id: string }) => r.id),
      [id],
    )
    const exported = await cli([...remote, 'restaurants', 'export', id], {})
    assert.equal(JSON.parse(exported.stdout).name, bundleA.name)
    const status = await cli([...remote, 'index', 'status', '--json'], {})
    assert.equal(JSON.parse(status.stdout).models[0].embedded, INDEXED)

    const question = 'is the onion soup vegetarian'
    const asked = await cli([...remote, 'ask', NUMBER_A, question, '--json'], {})
    assert.equal(asked.code, 0, asked.stderr)
    const webhook = await fetch(`${server.url}/api/vapi/server`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-vapi-secret': BENCH_VAPI_SECRET },
      body: JSON.stringify(toolCallsMessage({ number: NUMBER_A, calls: [toolCall('c1', 'get_menu_info', question)] })),
    }).then((r) => r.json())
    const answer = JSON.parse(asked.stdout)
    assert.equal(answer.tool, 'get_menu_info')
    assert.equal(answer.result, webhook.results[0].result)
    assert.deepEqual(answer.metadata, webhook.results[0].metadata)

    // Both went through the one dispatcher: a miss, then a hit from the answer cache.
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer cli-metrics-token-0123456789' },
    }).then((r) => r.text())
    assert.match(metrics, /^tool_call_duration_seconds_count\{tool="get_menu_info",cache="miss",outcome="\w+"\} 1$/m)
    assert.match(metrics, /^tool_call_duration_seconds_count\{tool="get_menu_info",cache="hit",outcome="\w+"\} 1$/m)
    assert.ok(!metrics.includes('onion') && !metrics.includes(NUMBER_A))
  })

  it('refuses a wrong key (1), asks for a key (2), and says when the server cannot be reached (3)', async () => {
    const wrong = await cli(['--url', server.url, '--key', 'not-the-operator-key', 'restaurants', 'list'], {})
    assert.deepEqual([wrong.code, wrong.stderr.trim()], [1, 'error: 401: Missing or invalid credentials'])
    const keyless = await cli(['--url', server.url, 'restaurants', 'list'], { ADMIN_API_KEY: '' })
    assert.equal(keyless.code, 2)
    assert.match(keyless.stderr, /--url needs the operator key/)
    const closed = `http://127.0.0.1:${await freePort()}`
    const unreachable = await cli(['--url', closed, '--key', BENCH_ADMIN_KEY, 'index', 'status'], {})
    assert.equal(unreachable.code, 3)
    assert.match(unreachable.stderr, /cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/)
  })
})

import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parse } from 'shell-quote'
import { DEV_ADMIN_API_KEY, DEV_VAPI_SECRET_KEY } from '../src/config.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { testBackends } from './support/database.ts'

// The README's curl commands, exactly as written, against a started server with the documented
// development keys: every file they send (`--data @path`) must be inside the repository, so that
// they work on a fresh clone with nothing beside it. Each command is sent with fetch (curl need
// not be installed), as curl would send it.

const REPOSITORY = path.resolve(import.meta.dirname, '..')
const README = readFileSync(path.join(REPOSITORY, 'README.md'), 'utf8')

/** The commands of the README's ```sh blocks, with continuation lines and quoted newlines joined. */
function shellCommands(markdown: string): string[] {
  const commands: string[] = []
  for (const [, block] of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let pending = ''
    for (const line of block!.split('\n')) {
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1)} `
        continue
      }
      pending += line
      // An odd number of single quotes: a quoted argument goes on over the next line.
      if ((pending.match(/'/g) ?? []).length % 2 === 1) {
        pending += '\n'
        continue
      }
      if (pending.trim()) commands.push(pending.trim())
      pending = ''
    }
  }
  return commands
}

type CurlRequest = { method: string; url: URL; headers: Record<string, string>; body?: string; file?: string }

/** The request a curl command sends; an option this does not know fails the test rather than being ignored. */
function curlRequest(command: string): CurlRequest {
  const words = parse(command).map((word) => {
    assert.equal(typeof word, 'string', `unsupported shell syntax in: ${command}`)
    return word as string
  })
  assert.equal(words.shift(), 'curl')
  const request: Partial<CurlRequest> & { headers: Record<string, string> } = { headers: {} }
  while (words.length > 0) {
    const word = words.shift()!
    if (word === '-s' || word === '--silent') continue
    if (word === '-X' || word === '--request') request.method = words.shift()
    else if (word === '-H' || word === '--header') {
      const [name, ...value] = words.shift()!.split(':')
      request.headers[name!.trim().toLowerCase()] = value.join(':').trim()
    } else if (word === '-d' || word === '--data') {
      const data = words.shift()!
      if (data.startsWith('@')) {
        request.file = data.slice(1)
        const file = path.resolve(REPOSITORY, request.file)
        assert.ok(file.startsWith(`${REPOSITORY}${path.sep}`), `${request.file} is outside the repository`)
        assert.ok(existsSync(file), `${request.file} does not exist in the repository`)
        // curl -d @file sends the file without its line breaks.
        request.body = readFileSync(file, 'utf8').replace(/[\r\n]/g, '')
      } else request.body = data
    } else if (!word.startsWith('-') && !request.url) {
      request.url = new URL(/^https?:\/\//.test(word) ? word : `http://${word}`)
    } else assert.fail(`the README test does not know curl's ${word} (in: ${command})`)
  }
  assert.ok(request.url, `no URL in: ${command}`)
  return { method: request.method ?? (request.body === undefined ? 'GET' : 'POST'), ...request } as CurlRequest
}

describe('the README quick start on a fresh clone', () => {
  const [backend] = testBackends()
  let t: TestApp
  let origin: string
  before(async () => {
    t = await createTestApp(backend!, {
      config: { adminApiKey: DEV_ADMIN_API_KEY, vapiSecretKey: DEV_VAPI_SECRET_KEY },
    })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  })
  after(async () => {
    await t.close()
  })

  it('runs every curl command of the README in order, each file it sends taken from the repository', async () => {
    const requests = shellCommands(README)
      .filter((command) => command.startsWith('curl '))
      .map(curlRequest)
    assert.ok(
      requests.some((r) => r.file?.startsWith('examples/restaurants/')),
      'the quick start sends an example bundle',
    )
    const answers: { status: number; body: any }[] = []
    for (const request of requests) {
      assert.equal(request.url.host, 'localhost:8000', 'the README talks to the server it starts')
      const response = await fetch(`${origin}${request.url.pathname}${request.url.search}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      })
      const body = await response.json()
      assert.ok(response.status >= 200 && response.status < 300, `${request.url.pathname}: ${JSON.stringify(body)}`)
      answers.push({ status: response.status, body })
    }
    // The answer the README shows for its tool call is the one the server gives.
    const shown = /"result":"([^"]+)"/.exec(README)?.[1]
    assert.ok(shown, 'the README shows a tool call result')
    const results = answers.flatMap((a) => a.body.results ?? [])
    assert.deepEqual(
      results.map((r: { result: string }) => r.result),
      [shown],
    )
  })
})

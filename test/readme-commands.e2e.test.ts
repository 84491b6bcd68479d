import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parse } from 'shell-quote'
import { DEV_ADMIN_API_KEY, DEV_VAPI_SECRET_KEY } from '../src/config.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { testBackends } from './support/database.ts'

// The commands of the README and of every page in docs/, exactly as written. Their curl commands
// run in order against a started server with the documented development keys: every file they
// send (`--data @path`) must be inside the repository, so that they work on a fresh clone with
// nothing beside it. Each command is sent with fetch (curl need not be installed), as curl would
// send it. Every `npm run` script they name is in package.json, every script they run with `node`
// exists, and every relative link goes to a file that exists (and to a heading it has).

const REPOSITORY = path.resolve(import.meta.dirname, '..')
const DOCUMENTS = [
  'README.md',
  ...readdirSync(path.join(REPOSITORY, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
]
const SCRIPTS = Object.keys(JSON.parse(readFileSync(path.join(REPOSITORY, 'package.json'), 'utf8')).scripts)

function read(file: string): string {
  return readFileSync(path.join(REPOSITORY, file), 'utf8')
}

/** The markdown without its fenced code blocks (where a `#` starts no heading). */
function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '')
}

/** The markdown without any code (where links are not links). */
function prose(markdown: string): string {
  return withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, '')
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const slugs = new Set<string>()
  const counts = new Map<string, number>()
  for (const [, heading] of withoutCodeBlocks(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-')
    const count = counts.get(slug) ?? 0
    counts.set(slug, count + 1)
    slugs.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return slugs
}

/** The commands of a document's ```sh blocks, with continuation lines and quoted newlines joined. */
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
    } else assert.fail(`the documentation test does not know curl's ${word} (in: ${command})`)
  }
  assert.ok(request.url, `no URL in: ${command}`)
  return { method: request.method ?? (request.body === undefined ? 'GET' : 'POST'), ...request } as CurlRequest
}

describe('the README quick start', () => {
  it('sends an example bundle, then asks a question and shows the answer', () => {
    const readme = read('README.md')
    const requests = shellCommands(readme)
      .filter((command) => command.startsWith('curl '))
      .map(curlRequest)
    assert.ok(
      requests.some((r) => r.file?.startsWith('examples/restaurants/')),
      'the quick start sends an example bundle',
    )
    assert.ok(/"result":"([^"]+)"/.test(readme), 'the README shows a tool call result')
  })

  it('links to every page in docs/', () => {
    const links = [...prose(read('README.md')).matchAll(/\]\((docs\/[^)#\s]+)/g)].map((m) => m[1])
    for (const document of DOCUMENTS.slice(1)) assert.ok(links.includes(document), `the README links to ${document}`)
  })
})

for (const document of DOCUMENTS) {
  const markdown = read(document)
  const directory = path.dirname(path.join(REPOSITORY, document))

  describe(`the commands and links of ${document}`, () => {
    it('names only npm scripts that package.json has and node scripts that exist', () => {
      for (const [, script] of markdown.matchAll(/\bnpm run ([\w:-]+)/g)) {
        assert.ok(SCRIPTS.includes(script!), `${document}: npm run ${script} is not a script of package.json`)
      }
      for (const [, file] of markdown.matchAll(/\bnode ([\w./-]+\.(?:mjs|js|ts))\b/g)) {
        assert.ok(existsSync(path.join(REPOSITORY, file!)), `${document}: node ${file} does not exist`)
      }
    })

    it('links only to files that exist and to headings they have', () => {
      for (const [, target] of prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue
        const [file, anchor] = target!.split('#') as [string, string | undefined]
        const resolved = file ? path.resolve(directory, file) : path.join(REPOSITORY, document)
        assert.ok(resolved.startsWith(`${REPOSITORY}${path.sep}`), `${document}: ${target} is outside the repository`)
        assert.ok(existsSync(resolved), `${document}: ${target} does not exist`)
        if (anchor === undefined) continue
        assert.ok(statSync(resolved).isFile() && resolved.endsWith('.md'), `${document}: ${target} is no page`)
        assert.ok(
          anchors(readFileSync(resolved, 'utf8')).has(anchor),
          `${document}: ${target} names a heading its page does not have`,
        )
      }
    })

    const commands = shellCommands(markdown).filter((command) => command.startsWith('curl '))
    if (commands.length === 0) return

    describe('on a fresh clone', () => {
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

      it('runs every curl command in order, each file it sends taken from the repository', async () => {
        const answers: { status: number; body: any }[] = []
        for (const request of commands.map(curlRequest)) {
          assert.equal(request.url.host, 'localhost:8000', `${document} talks to the server the README starts`)
          const response = await fetch(`${origin}${request.url.pathname}${request.url.search}`, {
            method: request.method,
            headers: request.headers,
            body: request.body,
          })
          const body = await response.json()
          assert.ok(response.status >= 200 && response.status < 300, `${request.url.pathname}: ${JSON.stringify(body)}`)
          answers.push({ status: response.status, body })
        }
        // The answers a document shows for its tool calls are the ones the server gives.
        const shown = [...markdown.matchAll(/"result":"([^"]+)"/g)].map((m) => m[1])
        const results = answers.flatMap((a) => a.body.results ?? [])
        assert.deepEqual(
          results.map((r: { result: string }) => r.result),
          shown,
        )
      })
    })
  })
}

import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { forbiddenAddress } from './address-policy.ts'
import {
  checkOutboundUrl,
  OutboundRefused,
  outboundPost,
  outboundUrlProblem,
  type ResolvedAddress,
} from './outbound-request.ts'

const strict = { allowLoopback: false, requireHttps: false }
const development = { allowLoopback: true, requireHttps: false }
const production = { allowLoopback: false, requireHttps: true }

describe('the outbound address check', () => {
  it('refuses loopback, private, link-local and their IPv6 and IPv4-mapped forms, naming which', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'a loopback address'],
      ['127.9.9.9', 'a loopback address'],
      ['::1', 'a loopback address'],
      ['::ffff:127.0.0.1', 'a loopback address'],
      ['10.0.0.1', 'a private address'],
      ['172.16.0.1', 'a private address'],
      ['172.31.255.254', 'a private address'],
      ['192.168.1.20', 'a private address'],
      ['fd12:3456::1', 'a private address'],
      ['fc00::1', 'a private address'],
      ['::ffff:10.1.2.3', 'a private address'],
      ['::ffff:c0a8:101', 'a private address'],
      ['169.254.169.254', 'a link-local address'],
      ['fe80::1', 'a link-local address'],
      ['::ffff:169.254.169.254', 'a link-local address'],
      ['0.0.0.0', 'an unspecified or reserved address'],
      ['::', 'an unspecified or reserved address'],
      ['100.64.0.1', 'an unspecified or reserved address'],
      ['224.0.0.1', 'a multicast address'],
      ['64:ff9b::a00:1', 'a translated (NAT64 or 6to4) address'],
    ]
    for (const [address, why] of cases) assert.equal(forbiddenAddress(address, strict), why, address)
  })

  it('allows public addresses, and loopback only where the policy does', () => {
    for (const address of ['93.184.216.34', '172.32.0.1', '172.15.255.255', '8.8.8.8', '2606:4700::1111'])
      assert.equal(forbiddenAddress(address, strict), undefined, address)
    assert.equal(forbiddenAddress('127.0.0.1', development), undefined)
    assert.equal(forbiddenAddress('::1', development), undefined)
    assert.equal(forbiddenAddress('10.0.0.1', development), 'a private address')
  })
})

describe('an owner-set URL', () => {
  const names: Record<string, ResolvedAddress[]> = {
    'public.example.test': [{ address: '93.184.216.34', family: 4 }],
    'intranet.example.test': [{ address: '10.20.30.40', family: 4 }],
    'dual.example.test': [
      { address: '2606:4700::1111', family: 6 },
      { address: 'fe80::1', family: 6 },
    ],
  }
  const resolve = async (hostname: string) => {
    const found = names[hostname]
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    return found
  }

  it('names what is wrong with the URL itself', () => {
    assert.equal(outboundUrlProblem('ftp://example.test/x', strict), 'must start with http:// or https://')
    assert.equal(outboundUrlProblem('not a url', strict), 'is not a valid URL')
    assert.equal(outboundUrlProblem('http://public.example.test/x', production), 'must use https://')
    assert.equal(outboundUrlProblem('https://public.example.test/x', production), undefined)
    // Spelled in ways a parser turns into loopback: still loopback.
    assert.equal(outboundUrlProblem('http://0x7f.1/x', strict), 'points at 127.0.0.1, a loopback address')
    assert.equal(outboundUrlProblem('http://2130706433/x', strict), 'points at 127.0.0.1, a loopback address')
    assert.equal(
      outboundUrlProblem('http://[::ffff:a9fe:a9fe]/', strict),
      'points at ::ffff:a9fe:a9fe, a link-local address',
    )
  })

  it('is refused when its name resolves to a forbidden address, any of them', async () => {
    const guard = { policy: strict, resolve }
    assert.equal(await checkOutboundUrl('http://public.example.test/hook', guard), undefined)
    assert.equal(
      await checkOutboundUrl('http://intranet.example.test/hook', guard),
      'intranet.example.test resolves to 10.20.30.40, a private address',
    )
    assert.equal(
      await checkOutboundUrl('https://dual.example.test/hook', guard),
      'dual.example.test resolves to fe80::1, a link-local address',
    )
    // Not resolvable now: accepted; each delivery resolves again and fails then.
    assert.equal(await checkOutboundUrl('https://not-yet.example.test/hook', guard), undefined)
  })
})

describe('a request to an owner-set URL', () => {
  let server: Server
  let port = 0
  let received = 0
  before(async () => {
    server = createServer((request, response) => {
      received++
      request.resume()
      response.writeHead(204).end()
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    port = (server.address() as AddressInfo).port
  })
  after(async () => {
    await new Promise((done) => server.close(done))
  })

  const post = (url: string, policy: typeof strict, resolve: (host: string) => Promise<ResolvedAddress[]>) =>
    outboundPost({
      url,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      timeoutMs: 2_000,
      guard: { policy, resolve },
    })

  it('checks the address it connects to, so a name rebound to loopback since it was set is refused', async () => {
    let answer = '93.184.216.34'
    const rebinding = async () => [{ address: answer, family: 4 }]
    assert.equal(
      await checkOutboundUrl(`http://hooks.example.test:${port}/`, { policy: strict, resolve: rebinding }),
      undefined,
    )
    answer = '127.0.0.1'
    await assert.rejects(post(`http://hooks.example.test:${port}/`, strict, rebinding), (error: unknown) => {
      assert.ok(error instanceof OutboundRefused)
      assert.equal(error.message, 'hooks.example.test resolves to 127.0.0.1, a loopback address')
      return true
    })
    await assert.rejects(post(`http://127.0.0.1:${port}/`, strict, rebinding), OutboundRefused)
    assert.equal(received, 0, 'nothing reached the server')
  })

  it('connects where the policy allows it (loopback in development)', async () => {
    const local = async () => [{ address: '127.0.0.1', family: 4 }]
    assert.deepEqual(await post(`http://hooks.example.test:${port}/`, development, local), { status: 204 })
    assert.equal(received, 1)
  })
})

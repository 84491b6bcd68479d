import { lookup as dnsLookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { forbiddenAddress, type OutboundPolicy } from './address-policy.ts'

// Every request the server makes to a URL a restaurant owner chose (the order webhook; the
// point-of-sale integrations later) goes through here: the URL is checked when it is set, and
// again at every request on the address actually connected to, through the socket's own DNS
// lookup, so a name that resolved to a public address when it was set and to 10.0.0.1 since
// (DNS rebinding) is refused too. Redirects are never followed.

export type ResolvedAddress = { address: string; family: number }
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>
export type OutboundGuard = { policy: OutboundPolicy; resolve?: Resolver }

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/** A request refused by the outbound policy; its message names the URL's problem. */
export class OutboundRefused extends Error {
  readonly code = 'EOUTBOUNDREFUSED'
  constructor(message: string) {
    super(message)
    this.name = 'OutboundRefused'
  }
}

/** What is wrong with the URL itself (scheme, an address written in it), or undefined. */
export function outboundUrlProblem(raw: string, policy: OutboundPolicy): string | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not a valid URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with http:// or https://'
  if (policy.requireHttps && url.protocol !== 'https:') return 'must use https://'
  // The URL parser has already turned 0x7f.1 or 2130706433 into 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const why = isIP(host) ? forbiddenAddress(host, policy) : undefined
  return why ? `points at ${host}, ${why}` : undefined
}

const problemOf = (hostname: string, addresses: ResolvedAddress[], policy: OutboundPolicy) => {
  for (const { address } of addresses) {
    const why = forbiddenAddress(address, policy)
    if (why) return `${hostname} resolves to ${address}, ${why}`
  }
  return undefined
}

/**
 * The check when an owner sets a URL: the URL itself, then every address its name resolves to
 * now. A name that does not resolve (yet) is accepted: each delivery checks again, and fails then.
 */
export async function checkOutboundUrl(
  raw: string,
  { policy, resolve = systemResolver }: OutboundGuard,
  { timeoutMs = 3_000 } = {},
): Promise<string | undefined> {
  const problem = outboundUrlProblem(raw, policy)
  if (problem) return problem
  const host = new URL(raw).hostname
  if (isIP(host.replace(/^\[(.*)\]$/, '$1'))) return undefined
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((done) => {
    timer = setTimeout(() => done(undefined), timeoutMs)
  })
  try {
    const addresses = await Promise.race([resolve(host), late])
    return addresses ? problemOf(host, addresses, policy) : undefined
  } catch {
    return undefined
  } finally {
    clearTimeout(timer)
  }
}

/** A socket `lookup` that fails the connection when the name resolves to a forbidden address. */
export function guardedLookup({ policy, resolve = systemResolver }: OutboundGuard): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const problem = problemOf(hostname, addresses, policy)
        const first = addresses[0]
        if (problem) return callback(new OutboundRefused(problem), '', 4)
        if (!first)
          return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4)
        // Node asks for every address (all: true) when it races IPv4 and IPv6; else for one.
        if (options.all) return (callback as (error: null, all: ResolvedAddress[]) => void)(null, addresses)
        return callback(null, first.address, first.family)
      },
      (error) => callback(error, '', 4),
    )
  }
}

/**
 * POSTs `body` to an owner's URL under the guard, with no redirect followed. Resolves with the
 * status; rejects with OutboundRefused when the policy refuses the target, else the network error.
 */
export function outboundPost({
  url,
  headers,
  body,
  timeoutMs,
  guard,
}: {
  url: string
  headers: Record<string, string>
  body: string
  timeoutMs: number
  guard: OutboundGuard
}): Promise<{ status: number }> {
  const problem = outboundUrlProblem(url, guard.policy)
  if (problem) return Promise.reject(new OutboundRefused(`the URL ${problem}`))
  const target = new URL(url)
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(guard),
        // A fresh socket each time: a kept-alive one would skip the lookup above.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume()
        resolve({ status: response.statusCode ?? 0 })
      },
    )
    // The address actually connected to, checked once more before a byte is sent.
    request.on('socket', (socket) =>
      socket.once('connect', () => {
        const why = socket.remoteAddress ? forbiddenAddress(socket.remoteAddress, guard.policy) : undefined
        if (why) request.destroy(new OutboundRefused(`connected to ${socket.remoteAddress}, ${why}`))
      }),
    )
    request.on('error', reject)
    request.end(body)
  })
}

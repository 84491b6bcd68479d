import { BlockList, isIP } from 'node:net'

// Addresses a URL set by a restaurant owner must never reach: this machine, the operator's own
// networks, a cloud's metadata service (169.254.169.254). Node's BlockList matches IPv4-mapped
// IPv6 addresses (::ffff:10.0.0.1) against the IPv4 ranges too.

export type OutboundPolicy = {
  /** Loopback (127.0.0.0/8, ::1) allowed: development and tests only, production refuses it. */
  allowLoopback: boolean
  /** Only https:// URLs (production). */
  requireHttps: boolean
}

const ranges = (list: [string, number][]) => {
  const blocks = new BlockList()
  for (const [network, prefix] of list) blocks.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4')
  return blocks
}

const LOOPBACK = ranges([
  ['127.0.0.0', 8],
  ['::1', 128],
])
/** What an address is, for the message; each range refused, whatever the policy but loopback. */
const FORBIDDEN: [string, BlockList][] = [
  [
    'a private address',
    ranges([
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['fc00::', 7],
      ['fec0::', 10],
    ]),
  ],
  [
    'a link-local address',
    ranges([
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ]),
  ],
  [
    'an unspecified or reserved address',
    ranges([
      ['0.0.0.0', 8],
      ['100.64.0.0', 10],
      ['192.0.0.0', 24],
      ['198.18.0.0', 15],
      ['240.0.0.0', 4],
      ['::', 128],
    ]),
  ],
  [
    'a multicast address',
    ranges([
      ['224.0.0.0', 4],
      ['ff00::', 8],
    ]),
  ],
  // NAT64 and 6to4 addresses carry an IPv4 address a gateway would reach on our behalf.
  [
    'a translated (NAT64 or 6to4) address',
    ranges([
      ['64:ff9b::', 96],
      ['64:ff9b:1::', 48],
      ['2002::', 16],
    ]),
  ],
]

/** Why `address` (an IP literal) may not be reached under `policy`, or undefined when it may. */
export function forbiddenAddress(address: string, policy: Pick<OutboundPolicy, 'allowLoopback'>): string | undefined {
  const family = isIP(address)
  if (family === 0) return 'not an IP address'
  const type = family === 6 ? 'ipv6' : 'ipv4'
  if (LOOPBACK.check(address, type)) return policy.allowLoopback ? undefined : 'a loopback address'
  return FORBIDDEN.find(([, blocks]) => blocks.check(address, type))?.[0]
}

import { createHmac } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { bearerToken } from '../../shared/auth.ts'
import { unauthorized } from '../../shared/errors.ts'
import { secretEquals, secretMatcher } from '../../shared/secrets.ts'

// One verdict per request and secret: the rate limit (which bucket) and the guard (401 or not) ask
// the same question of the same request, and each constant-time check hashes the given value.
const verdicts = new WeakMap<FastifyRequest, { secret: string; verdict: boolean }>()

/**
 * Whether a request carries the webhook secret, as `X-Vapi-Secret` (server.headers / legacy
 * server.secret) or as a bearer credential. Only VAPI_SECRET_KEY counts: the admin key never
 * opens webhooks. Every given value is compared in constant time, once per request.
 */
export function vapiSecretCheck(secret: string) {
  const matches = secretMatcher(secret)
  return (request: FastifyRequest) => {
    const known = verdicts.get(request)
    if (known?.secret === secret) return known.verdict
    const header = request.headers['x-vapi-secret']
    const given = [typeof header === 'string' ? header : undefined, bearerToken(request)]
    const verdict = given.some((value) => value !== undefined && value.length <= 512 && matches(value))
    verdicts.set(request, { secret, verdict })
    return verdict
  }
}

/** Refuses a webhook without the secret (see vapiSecretCheck). */
export function vapiSecretGuard(secret: string) {
  const hasSecret = vapiSecretCheck(secret)
  return (request: FastifyRequest) => {
    if (!hasSecret(request)) throw unauthorized('Missing or invalid Vapi webhook secret')
  }
}

export const SIGNATURE_TOLERANCE_MS = 5 * 60_000

/**
 * Vapi's HMAC credential (default plan): `x-signature` = hex HMAC-SHA256 of `${x-timestamp}.${rawBody}`.
 * The timestamp's unit is undocumented, so seconds and milliseconds are both read; a signature
 * outside the tolerance window is refused, so a captured request cannot be replayed later.
 * @see https://docs.vapi.ai/server-url/server-authentication
 */
export function verifyVapiSignature({
  secret,
  signature,
  timestamp,
  rawBody,
  now,
}: {
  secret: string
  signature: unknown
  timestamp: unknown
  rawBody: string
  now: Date
}) {
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,16}$/.test(timestamp.trim())) {
    throw unauthorized('Missing Vapi signature')
  }
  const value = Number(timestamp.trim())
  const sentAt = value < 1e11 ? value * 1000 : value
  if (Math.abs(now.getTime() - sentAt) > SIGNATURE_TOLERANCE_MS) throw unauthorized('Stale Vapi signature')
  const expected = createHmac('sha256', secret).update(`${timestamp.trim()}.${rawBody}`).digest('hex')
  const given = signature
    .trim()
    .replace(/^sha256=/i, '')
    .toLowerCase()
  if (!secretEquals(given, expected)) throw unauthorized('Invalid Vapi signature')
}

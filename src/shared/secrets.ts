import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** Constant-time equality for secrets of any length (digests first, so lengths do not leak). */
export function secretEquals(given: string | undefined, expected: string): boolean {
  return secretMatcher(expected)(given)
}

/** secretEquals against one fixed secret, its digest computed once (checked on every webhook). */
export function secretMatcher(expected: string): (given: string | undefined) => boolean {
  const expectedDigest = createHash('sha256').update(expected).digest()
  return (given) => given !== undefined && timingSafeEqual(createHash('sha256').update(given).digest(), expectedDigest)
}

/** A restaurant API key: 256 random bits, prefixed so that leaked keys are recognisable. */
export function generateApiKey(): string {
  return `rk_${randomBytes(32).toString('base64url')}`
}

/** API keys are stored only as this hash; keys are high-entropy, so a fast hash is sufficient. */
export const hashApiKey = sha256

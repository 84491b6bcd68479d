import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** Constant-time equality for secrets of any length (digests first, so lengths do not leak). */
export function secretEquals(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest())
}

/** A restaurant API key: 256 random bits, prefixed so that leaked keys are recognisable. */
export function generateApiKey(): string {
  return `rk_${randomBytes(32).toString('base64url')}`
}

/** API keys are stored only as this hash; keys are high-entropy, so a fast hash is sufficient. */
export const hashApiKey = sha256

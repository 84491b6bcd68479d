import { createHash, randomBytes } from 'node:crypto'
import { sha256 } from '../../shared/secrets.ts'

/**
 * Session ids and invite/reset tokens: 256 random bits. Only their SHA-256 is stored, so rows
 * are looked up by hash (an index lookup leaks nothing about the value through timing) and a
 * database leak yields nothing that signs in.
 */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: sha256(token) }
}

export const hashToken = sha256

/**
 * The CSRF token of a session, derived from its id: only someone who holds the cookie can compute
 * it, and it reveals nothing about the id. Nothing to store, the same on every instance.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`csrf\0${sessionId}`).digest('base64url')
}

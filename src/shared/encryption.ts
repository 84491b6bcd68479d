import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

const VERSION = 'v1'
/** Stands in for SECRETS_KEY outside production only (public: it is in the source). */
export const DEV_SECRETS_KEY = 'local-dev-secrets-key'

/**
 * Authenticated encryption (AES-256-GCM) of secrets stored at rest, such as a POS's access tokens.
 * The key is any high-entropy string (SECRETS_KEY), hashed to 256 bits; each value gets its own
 * random IV, and a changed byte or another key fails to decrypt instead of giving garbage.
 */
export function createSecretBox(secretsKey: string) {
  const key = createHash('sha256').update(secretsKey).digest()
  return {
    seal(plain: string): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [VERSION, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'))].join('.')
    },
    open(stored: string): string {
      const [version, iv, tag, sealed] = stored.split('.')
      if (version !== VERSION || !iv || !tag || sealed === undefined) throw new Error('not a sealed secret')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8')
    },
  }
}
export type SecretBox = ReturnType<typeof createSecretBox>

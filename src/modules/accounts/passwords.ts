import { hash, verify } from '@node-rs/argon2'

export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 256

/**
 * argon2id with OWASP's minimum profile (19 MiB, 2 passes, 1 lane): about 35 ms per hash on a
 * busy 2-core machine (`npm run bench` measures sign-in), slow enough to make offline guessing
 * expensive, fast enough to keep sign-in well under 100 ms. Parameters live in each PHC string,
 * so raising them later still verifies older hashes.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
const PARAMETERS = {
  algorithm: 2 as const /* Algorithm.Argon2id, a const enum */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS)
}

// Signing in with an unknown email verifies against this, so it takes as long as a wrong password.
let dummyHash: Promise<string> | undefined

/** Whether `password` matches `passwordHash`; without a hash, the same work is done and false returned. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-password-anyone-has')
  const target = passwordHash ?? (await dummyHash)
  const matches = await verify(target, password).catch(() => false)
  return passwordHash !== undefined && matches
}

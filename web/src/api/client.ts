import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema.generated.ts'

export type { paths }

/** The session's CSRF token (from GET /api/auth/me); every cookie-authenticated write carries it. */
let csrfToken: string | undefined
export function setCsrfToken(token: string | undefined) {
  csrfToken = token
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && UNSAFE.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken)
    return request
  },
}

/** The API client, typed from the server's own OpenAPI document (`npm run api:types`). */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' })
api.use(csrf)

/** An API error with the server's message, status and error code (`wrong_password`, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message)
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response }

/** The data of a response, or an ApiError carrying the server's own message. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call
  if (response.ok) return data as T
  const body = (error as { error?: { message?: string; code?: string } } | undefined)?.error
  throw new ApiError(body?.message ?? `Request failed (${response.status})`, response.status, body?.code)
}

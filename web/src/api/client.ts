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

/** An API error with the server's message and status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response }

/** The data of a response, or an ApiError carrying the server's own message. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call
  if (response.ok) return data as T
  const message =
    (error as { error?: { message?: string } } | undefined)?.error?.message ?? `Request failed (${response.status})`
  throw new ApiError(message, response.status)
}

// Temporary: the contract's "Accounts and sign-in" routes, until the accounts branch lands and
// `npm run api:types` generates them from the server's document (then this file goes).
type Json<T> = { content: { 'application/json': T } }
type Membership = { id: string; name: string; role: 'owner' | 'staff' }
type User = { id: string; email: string; name: string | null; is_operator: boolean }
type Op<Body, Ok> = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never }
  requestBody: Body extends never ? never : Json<Body>
  responses: { 200: Json<Ok>; 401: Json<unknown> }
}

export type AuthPaths = {
  '/api/auth/me': { get: Omit<Op<never, { user: User; restaurants: Membership[]; csrf_token: string }>, 'requestBody'> }
  '/api/auth/login': { post: Op<{ email: string; password: string }, { user: User; restaurants: Membership[] }> }
  '/api/auth/logout': { post: Omit<Op<never, unknown>, 'requestBody'> }
}

/** A client-facing error with a stable code; the error handler turns it into the one error shape. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export function appErrorFactory({ code, message, statusCode }: { code: string; message: string; statusCode: number }) {
  return (overrides: { message?: string; details?: unknown } = {}) =>
    new AppError(code, overrides.message ?? message, statusCode, overrides.details)
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`, 404)
export const badRequest = (message: string, details?: unknown) => new AppError('bad_request', message, 400, details)
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, 409, details)
export const unauthorized = (message = 'Missing or invalid credentials') => new AppError('unauthorized', message, 401)

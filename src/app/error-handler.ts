import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../shared/errors.ts'

export type ErrorBody = {
  error: { code: string; message: string; request_id: string; details?: unknown }
}

// PostgreSQL / node-postgres signs that the database, not the request, is at fault.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '53300',
])

// What node-postgres says when the server cannot be reached or drops the connection.
const CONNECTION_ERROR_MESSAGES = new RegExp(
  [
    'Connection terminated',
    'connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error',
  ].join('|'),
  'i',
)

function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (UNAVAILABLE_CODES.has(e.code)) return true
    if (typeof e.message === 'string' && CONNECTION_ERROR_MESSAGES.test(e.message)) return true
  }
  return false
}

function describeValidation(error: FastifyError) {
  const details = (error.validation ?? []).map((issue) => {
    const where = error.validationContext ?? 'body'
    const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty
    const pointer = issue.instancePath.replace(/^\//, '').replaceAll('/', '.')
    const field = [where, pointer, missing].filter(Boolean).join('.')
    return { field, problem: issue.message ?? 'is invalid' }
  })
  const message = details.length > 0 ? details.map((d) => `${d.field} ${d.problem}`).join('; ') : error.message
  return { message, details }
}

/**
 * Fastify answers a body it refuses (over the limit, unparsable) with `Connection: close`, and
 * Node closes the socket as soon as the answer is written. While the client is still sending
 * that body (a 413 is decided from Content-Length, before a byte is read), its next write meets
 * a reset and most clients drop the connection without reading the 4xx. Keeping the connection
 * instead lets Node read and discard the rest of the body, as it does after a 401; the server's
 * requestTimeout still bounds how long that may take.
 */
function keepReadingRefusedBody(request: FastifyRequest, reply: FastifyReply) {
  if (!request.raw.complete && String(reply.getHeader('connection')).toLowerCase() === 'close')
    reply.removeHeader('connection')
}

/** One error shape for every route; internals never reach the client. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  keepReadingRefusedBody(request, reply)
  const send = (status: number, code: string, message: string, details?: unknown) => {
    const body: ErrorBody = {
      error: { code, message, request_id: request.id, ...(details === undefined ? {} : { details }) },
    }
    return reply.status(status).header('cache-control', 'no-store').send(body)
  }
  if (error instanceof AppError) return send(error.statusCode, error.code, error.message, error.details)
  if (error.validation) {
    const { message, details } = describeValidation(error)
    return send(400, 'validation_error', message, details)
  }
  if (isDatabaseUnavailable(error)) {
    request.log.error({ err: error }, 'database unavailable')
    return send(503, 'service_unavailable', 'The database is temporarily unavailable; retry shortly')
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) {
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 429
            ? 'rate_limited'
            : 'bad_request'
    return send(status, code, error.message)
  }
  request.log.error({ err: error }, 'unhandled error')
  return send(500, 'internal_error', 'Internal server error')
}

/**
 * Errors the router raises before any route runs (a malformed URL, a path parameter over
 * maxParamLength): Fastify would answer them in its own shape, echoing the whole URL.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 400
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The URL is malformed'
  const body: ErrorBody = { error: { code: 'bad_request', message, request_id: request.id } }
  return reply
    .status(status >= 400 && status < 500 ? status : 400)
    .header('cache-control', 'no-store')
    .send(body)
}

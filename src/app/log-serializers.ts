import type { FastifyRequest } from 'fastify'
import { compactPhone, maskPhone } from '../modules/calls/call-fields.models.ts'

// Query parameters that carry a caller's phone number (GET /api/calls?caller=…); every other
// part of a URL is ids and paging, which are worth keeping in the logs.
const PHONE_PARAMS = ['caller']

/** The URL as logged: a caller's number in the query string is masked like every other log line. */
export function maskUrl(url: string): string {
  const start = url.indexOf('?')
  if (start < 0) return url
  const params = new URLSearchParams(url.slice(start + 1))
  if (!PHONE_PARAMS.some((name) => params.has(name))) return url
  for (const name of PHONE_PARAMS) {
    const values = params.getAll(name)
    params.delete(name)
    for (const value of values) params.append(name, maskPhone(compactPhone(value)) ?? '')
  }
  return `${url.slice(0, start)}?${params}`
}

/** Fastify's request serializer, with the URL masked; headers stay out, as by default. */
export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: maskUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  }),
}

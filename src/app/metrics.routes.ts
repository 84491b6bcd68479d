import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { Config } from '../config.ts'
import type { Metrics } from '../infra/metrics/metrics.ts'
import { ErrorSchema } from '../modules/restaurants/restaurants.schemas.ts'
import { bearerToken } from '../shared/auth.ts'
import { unauthorized } from '../shared/errors.ts'
import type { AppInstance } from '../shared/http.ts'
import { secretMatcher } from '../shared/secrets.ts'

/**
 * GET /metrics for Prometheus (the operator key or METRICS_TOKEN as bearer), and the duration of
 * every HTTP request by route pattern. Not served when METRICS_ENABLED=false.
 */
export function setupMetrics(app: AppInstance, { config, metrics }: { config: Config; metrics: Metrics }) {
  if (!metrics.enabled) return
  // Labelled by the route's pattern (/api/restaurants/:id), never the URL, which carries ids and numbers.
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequest({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      statusCode: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    })
    done()
  })

  const accepted = [config.adminApiKey, config.metricsToken].flatMap((secret) =>
    secret ? [secretMatcher(secret)] : [],
  )
  const assertScraper = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    const token = bearerToken(request)
    // Every matcher runs, so the time taken does not say which secret was close.
    const matches = accepted.map((matches) => matches(token))
    done(matches.includes(true) ? undefined : unauthorized())
  }

  app.get(
    '/metrics',
    {
      onRequest: assertScraper,
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics (text format): the operator key or METRICS_TOKEN as bearer',
        security: [{ bearer: [] }],
        produces: ['text/plain'],
        response: { 200: Type.String(), 401: ErrorSchema },
      },
    },
    async (_request, reply) => {
      const { contentType, body } = await metrics.scrape()
      return reply.type(contentType).send(body)
    },
  )
}

import { Type } from 'typebox'
import type { AppInstance } from '../shared/http.ts'

const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded')]),
  checks: Type.Record(
    Type.String(),
    Type.Object({
      status: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('disabled')]),
      latency_ms: Type.Optional(Type.Number()),
      error: Type.Optional(Type.String()),
      // checks.index: the search index on the configured embedding model (a model change in progress while pending > 0)
      model: Type.Optional(Type.String({ description: 'index: the configured embedding model' })),
      documents: Type.Optional(Type.Integer({ description: 'index: documents of all restaurants' })),
      embedded: Type.Optional(Type.Integer({ description: "index: documents with the configured model's vector" })),
      pending: Type.Optional(Type.Integer({ description: 'index: documents still to embed with it' })),
    }),
  ),
})

/** Resolves when the dependency is up, optionally with details to report beside the status. */
export type HealthCheck = () => Promise<void | IndexHealth>
export type IndexHealth = { model: string; documents: number; embedded: number; pending: number }

type CheckResult = { status: 'up' | 'down' | 'disabled'; latency_ms?: number; error?: string } & Partial<IndexHealth>

export function setupHealthRoutes(app: AppInstance, deps: { healthChecks: Record<string, HealthCheck> }) {
  app.get(
    '/api/health/live',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: no dependency checks',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
      config: { rateLimit: false },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: checks the database and other dependencies',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
      config: { rateLimit: false },
    },
    async (_request, reply) => {
      const checks: Record<string, CheckResult> = {}
      await Promise.all(
        Object.entries(deps.healthChecks).map(async ([name, check]) => {
          const started = performance.now()
          try {
            const details = await check()
            const latency = Math.round((performance.now() - started) * 100) / 100
            checks[name] = { status: 'up', latency_ms: latency, ...(details ?? {}) }
          } catch (error) {
            checks[name] = {
              status: 'down',
              error: error instanceof Error ? error.message.slice(0, 200) : 'unavailable',
            }
          }
        }),
      )
      const databaseDown = checks.database?.status === 'down'
      const anyDown = Object.values(checks).some((check) => check.status === 'down')
      return reply.status(databaseDown ? 503 : 200).send({ status: anyDown ? 'degraded' : 'healthy', checks })
    },
  )
}

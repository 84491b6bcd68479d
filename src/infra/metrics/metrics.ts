import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

/**
 * The Prometheus metrics of one server instance, in a registry of its own (never prom-client's
 * global one, which every app built in the same process would share).
 * Every label value is chosen from a fixed set here or by the caller (tool names, route patterns,
 * outcomes): never a restaurant's data, a phone number or a question's text.
 * @see https://prometheus.io/docs/practices/naming/
 */
export type ToolCallOutcome = 'answered' | 'unanswered' | 'error'
export type EmbeddingOutcome = 'ok' | 'error' | 'aborted'
export type WebhookDeliveryOutcome = 'delivered' | 'failed' | 'abandoned'

export type Metrics = {
  enabled: boolean
  /** Text exposition format, for GET /metrics. */
  scrape(): Promise<{ contentType: string; body: string }>
  toolCall(input: { tool: string; cache: 'hit' | 'miss'; outcome: ToolCallOutcome; seconds: number }): void
  webhookRequest(input: { type: string; status: number }): void
  embeddingRequest(input: { provider: string; outcome: EmbeddingOutcome }): void
  httpRequest(input: { method: string; route: string; statusCode: number; seconds: number }): void
  orderWebhookDelivery(input: { outcome: WebhookDeliveryOutcome }): void
  close(): void
}

// Tool answers take ~0.3 ms from the cache and a few ms from the database: fine buckets below 50 ms.
const TOOL_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export function createMetrics({ enabled = true }: { enabled?: boolean } = {}): Metrics {
  if (!enabled) return disabledMetrics
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const toolCalls = new Histogram({
    name: 'tool_call_duration_seconds',
    help: 'Time to answer one Vapi tool call, by tool, answer-cache hit or miss, and outcome',
    labelNames: ['tool', 'cache', 'outcome'] as const,
    buckets: TOOL_BUCKETS,
    registers: [registry],
  })
  const webhooks = new Counter({
    name: 'vapi_webhook_requests_total',
    help: 'Vapi server messages received, by message type and HTTP status',
    labelNames: ['type', 'status'] as const,
    registers: [registry],
  })
  const embeddings = new Counter({
    name: 'embedding_requests_total',
    help: 'Requests to the embedding provider, by provider and outcome',
    labelNames: ['provider', 'outcome'] as const,
    registers: [registry],
  })
  const http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  })
  const orderWebhooks = new Counter({
    name: 'order_webhook_deliveries_total',
    help: "Attempts to POST an order event to a restaurant's order webhook, by outcome",
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  // Every request records up to three series: each one's child is looked up once by its labels
  // (prom-client hashes and sorts a label object on every call otherwise). The label sets are
  // bounded (see above), and so are these maps.
  const toolCallSeries = seriesOf<ReturnType<typeof toolCalls.labels>>()
  const webhookSeries = seriesOf<ReturnType<typeof webhooks.labels>>()
  const httpSeries = seriesOf<ReturnType<typeof http.labels>>()
  return {
    enabled: true,
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
    toolCall: ({ tool, cache, outcome, seconds }) =>
      toolCallSeries(`${tool}\u0000${cache}\u0000${outcome}`, () => toolCalls.labels(tool, cache, outcome)).observe(
        seconds,
      ),
    webhookRequest: ({ type, status }) =>
      webhookSeries(`${type}\u0000${status}`, () => webhooks.labels(type, String(status))).inc(),
    embeddingRequest: ({ provider, outcome }) => embeddings.inc({ provider, outcome }),
    httpRequest: ({ method, route, statusCode, seconds }) =>
      httpSeries(`${method}\u0000${route}\u0000${statusCode}`, () =>
        http.labels(method, route, String(statusCode)),
      ).observe(seconds),
    orderWebhookDelivery: ({ outcome }) => orderWebhooks.inc({ outcome }),
    close: () => registry.clear(),
  }
}

/** A map from a label key to its series, filled on first use. */
function seriesOf<T>() {
  const known = new Map<string, T>()
  return (key: string, create: () => T): T => {
    let series = known.get(key)
    if (series === undefined) {
      series = create()
      known.set(key, series)
    }
    return series
  }
}

const noop = () => {}

/** METRICS_ENABLED=false: nothing is measured and GET /metrics is not served. */
const disabledMetrics: Metrics = {
  enabled: false,
  scrape: async () => ({ contentType: 'text/plain', body: '' }),
  toolCall: noop,
  webhookRequest: noop,
  embeddingRequest: noop,
  httpRequest: noop,
  orderWebhookDelivery: noop,
  close: noop,
}

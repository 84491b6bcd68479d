import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type RecordedRequest = {
  method: string
  path: string
  query: URLSearchParams
  body: any
  headers: IncomingMessage['headers']
  /** What the fake answered, once it has. */
  reply?: FakeReply
}
export type FakeReply = { status: number; body?: unknown; headers?: Record<string, string> }
export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>

/**
 * A fault to apply to the next request matching `method` and `path`: answer `status`/`body`
 * instead of the normal handler, and/or answer only after `delayMs` (the handler still runs
 * first, as a slow real server would have done the work before the caller gave up).
 */
export type Fault = { method: string; path: RegExp; status?: number; body?: unknown; delayMs?: number; times?: number }

export type HttpFake = {
  url: string
  requests: RecordedRequest[]
  /** POST, PATCH, PUT and DELETE requests received (writes). */
  writes(): RecordedRequest[]
  inject(fault: Fault): void
  /**
   * Random latency, as a real service over the internet has: each request waits up to `maxMs`
   * before the handler runs and again before its answer is sent (0 turns it off).
   */
  setLatency(maxMs: number): void
  close(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return undefined
  const type = request.headers['content-type'] ?? ''
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text))
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** A small HTTP server on 127.0.0.1 and a free port, recording what it receives. */
export async function startHttpFake(handler: FakeHandler): Promise<HttpFake> {
  const requests: RecordedRequest[] = []
  const faults: Fault[] = []
  const timers = new Set<NodeJS.Timeout>()
  let latencyMs = 0
  const pause = () => {
    if (latencyMs <= 0) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, Math.random() * latencyMs)
      timers.add(timer)
    })
  }

  const send = (response: ServerResponse, reply: FakeReply) => {
    if (response.destroyed) return
    const payload =
      reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
    response.end(payload)
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: await readBody(req),
      headers: req.headers,
    }
    requests.push(recorded)
    await pause()
    const index = faults.findIndex((f) => f.method === recorded.method && f.path.test(recorded.path))
    const fault = index >= 0 ? faults[index] : undefined
    if (fault) {
      fault.times = (fault.times ?? 1) - 1
      if (fault.times <= 0) faults.splice(index, 1)
    }
    let reply: FakeReply
    try {
      reply = fault?.status !== undefined ? { status: fault.status, body: fault.body } : await handler(recorded)
    } catch (error) {
      reply = { status: 500, body: { message: String(error) } }
    }
    recorded.reply = reply
    await pause()
    if (!fault?.delayMs) return send(res, reply)
    const timer = setTimeout(() => {
      timers.delete(timer)
      send(res, reply)
    }, fault.delayMs)
    timers.add(timer)
  })
  // Longer than any client keeps an idle connection: a fake that closed one first (Node's default
  // is 5 s) would race a request sent on it, and a busy test machine would see ECONNRESET.
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    writes: () => requests.filter((r) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method)),
    inject: (fault) => {
      faults.push({ ...fault })
    },
    setLatency: (maxMs) => {
      latencyMs = maxMs
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

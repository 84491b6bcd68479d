import assert from 'node:assert/strict'
import { type AddressInfo, connect } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { WEBHOOK_BODY_LIMIT } from '../../src/modules/vapi/vapi.routes.ts'
import { ADMIN_KEY, createTestApp, type TestApp, VAPI_SECRET } from '../support/app.ts'
import { testBackends } from '../support/database.ts'

// A body the server refuses while the client is still sending it (413 over the limit) used to
// be answered with `Connection: close` and the socket closed at once: the client's next write
// met a reset (EPIPE / ECONNRESET) and the client dropped the connection before it had read
// the 413 ("fetch failed"). Clients that read the answer only once the body is sent (as
// Python's requests does) lost it every time; clients reading meanwhile, now and then. Over
// real sockets, not app.inject: every such request must get its whole answer.

const CHUNK = 64 * 1024
const ATTEMPTS = 4

type Sent = { method: string; path: string; headers: Record<string, string>; bytes: number; chunked: boolean }
type Outcome = { status?: number; complete: boolean; error?: string }

/** Sends a body in chunks with pauses, as a client on a real network does, then reads the answer. */
function send(port: number, request: Sent): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.pause()
    let received = Buffer.alloc(0)
    let error: string | undefined
    const outcome = (): Outcome => {
      const text = received.toString('latin1')
      const head = text.indexOf('\r\n\r\n')
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text)?.[1])
      return {
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]) || undefined,
        complete: head >= 0 && received.length - head - 4 >= length,
        ...(error ? { error } : {}),
      }
    }
    socket.on('data', (data) => {
      received = Buffer.concat([received, data])
    })
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // An error after the whole answer arrived is the connection being closed, as announced.
      if (!outcome().complete) error = e.code ?? e.message
    })
    socket.on('close', () => resolve(outcome()))
    socket.on('connect', async () => {
      const framing = request.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(request.bytes) }
      const headers = Object.entries({ host: 'localhost', ...request.headers, ...framing })
      socket.write(
        `${request.method} ${request.path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`,
      )
      const chunk = Buffer.alloc(CHUNK, 'a')
      for (let sent = 0; sent < request.bytes && !socket.destroyed; sent += CHUNK) {
        socket.write(
          request.chunked
            ? Buffer.concat([Buffer.from(`${CHUNK.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
            : chunk,
        )
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      if (!socket.destroyed) socket.end(request.chunked ? '0\r\n\r\n' : '')
      socket.resume()
    })
    socket.setTimeout(20_000, () => socket.destroy())
  })
}

for (const backend of testBackends()) {
  describe(`bodies refused while they are still being sent, over real sockets, on ${backend.name}`, () => {
    let t: TestApp
    let port: number
    let restaurantId: string
    before(async () => {
      t = await createTestApp(backend)
      await t.app.listen({ port: 0, host: '127.0.0.1' })
      port = (t.app.server.address() as AddressInfo).port
      restaurantId = (await t.createRestaurant({ name: 'Socket Bistro' })).id
    })
    after(async () => {
      await t.close()
    })

    const twoMb = 2 * 1_048_576
    const cases = (): (Omit<Sent, 'chunked'> & { expected: number })[] => [
      // The request of the outside run that ended in `fetch failed`: no such route, a 2 MB body.
      {
        method: 'POST',
        path: `/api/restaurants/${restaurantId}`,
        headers: { 'content-type': 'application/json' },
        bytes: twoMb,
        expected: 413,
      },
      {
        method: 'PUT',
        path: `/api/restaurants/${restaurantId}`,
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        bytes: twoMb,
        expected: 413,
      },
      {
        method: 'POST',
        path: '/api/restaurants',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/plain' },
        bytes: twoMb,
        expected: 413,
      },
      {
        method: 'POST',
        path: '/api/vapi/server',
        headers: { 'x-vapi-secret': VAPI_SECRET, 'content-type': 'application/json' },
        bytes: WEBHOOK_BODY_LIMIT + 4 * CHUNK,
        expected: 413,
      },
      // Refused before the body is read at all: the rest is read and discarded, as before.
      { method: 'PUT', path: `/api/restaurants/${restaurantId}`, headers: {}, bytes: twoMb, expected: 401 },
    ]

    for (const chunked of [false, true]) {
      const framing = chunked ? 'chunked' : 'Content-Length'
      it(`answers every oversized ${framing} body with its 4xx before any reset`, async () => {
        const failures: string[] = []
        for (const request of cases())
          for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
            const outcome = await send(port, { ...request, chunked })
            if (outcome.status !== request.expected || !outcome.complete)
              failures.push(`${request.method} ${request.path}: ${JSON.stringify(outcome)}`)
          }
        assert.deepEqual(failures, [])
        // The server is still there and answers the next client.
        const health = await fetch(`http://127.0.0.1:${port}/api/health/live`)
        assert.equal(health.status, 200)
      })
    }
  })
}

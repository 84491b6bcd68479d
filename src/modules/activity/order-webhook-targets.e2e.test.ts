import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { admin, bearer, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import type { OutboundGuard, ResolvedAddress } from '../../infra/outbound/outbound-request.ts'
import {
  fastActivity,
  recordInTransaction,
  startWebhookReceiver,
  WEBHOOK_SECRET,
  waitUntil,
} from './activity.test-utils.ts'

// An owner must not be able to make the server post to its own network: the order webhook is
// refused when set to a loopback, private or link-local target, and again at each delivery,
// on the address the name resolves to then (DNS rebinding). Loopback is refused here as in
// production; the names resolve through a resolver the test controls.

for (const backend of testBackends()) {
  describe(`order webhook targets on ${backend.name}`, () => {
    let t: TestApp
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
    const names = new Map<string, string>([
      ['intranet.example.test', '10.20.30.40'],
      ['hooks.example.test', '93.184.216.34'],
    ])
    const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
      const address = names.get(hostname)
      if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
      return [{ address, family: address.includes(':') ? 6 : 4 }]
    }
    const guard: OutboundGuard = { policy: { allowLoopback: false, requireHttps: false }, resolve }
    const create = (url: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/restaurants',
        headers: admin,
        payload: { name: 'Hook Diner', settings: { order_webhook: { url, secret: WEBHOOK_SECRET } } },
      })

    before(async () => {
      receiver = await startWebhookReceiver()
      const database = await backend.create()
      t = await createTestApp(backend, {
        database,
        overrides: { outbound: guard, activity: fastActivity(database, undefined, {}, undefined, guard) },
      })
    })
    after(async () => {
      await t.close()
      await receiver.close()
    })

    it('refuses a loopback, private, link-local or privately resolving webhook URL with a 400 naming why', async () => {
      const port = new URL(receiver.url).port
      const refused: [string, string][] = [
        [`http://127.0.0.1:${port}/orders`, 'points at 127.0.0.1, a loopback address'],
        ['http://[::1]:8080/orders', 'points at ::1, a loopback address'],
        ['http://10.0.0.5/orders', 'points at 10.0.0.5, a private address'],
        ['http://172.20.1.1/orders', 'points at 172.20.1.1, a private address'],
        ['http://192.168.1.10/orders', 'points at 192.168.1.10, a private address'],
        ['http://169.254.169.254/latest/meta-data', 'points at 169.254.169.254, a link-local address'],
        ['http://[fd00::1]/orders', 'points at fd00::1, a private address'],
        ['http://[::ffff:192.168.1.10]/orders', 'points at ::ffff:c0a8:10a, a private address'],
        ['https://intranet.example.test/orders', 'intranet.example.test resolves to 10.20.30.40, a private address'],
      ]
      for (const [url, problem] of refused) {
        const response = await create(url)
        assert.equal(response.statusCode, 400, url)
        assert.equal(response.json().error.message, `settings.order_webhook.url ${problem}`, url)
        assert.deepEqual(response.json().error.details, [{ field: 'body.settings.order_webhook.url', problem }])
      }
      // Replacing the settings is checked the same way.
      const created = await create('https://hooks.example.test/orders')
      assert.equal(created.statusCode, 201, created.body)
      const { id, api_key: key } = created.json()
      const replaced = await t.app.inject({
        method: 'PUT',
        url: `/api/restaurants/${id}`,
        headers: bearer(key),
        payload: { name: 'Hook Diner', settings: { order_webhook: { url: 'http://169.254.169.254/latest' } } },
      })
      assert.equal(replaced.statusCode, 400)
      assert.match(replaced.json().error.message, /169\.254\.169\.254, a link-local address/)
    })

    it('refuses at delivery a name that resolved publicly when set and now resolves to this machine', async () => {
      const port = new URL(receiver.url).port
      const created = await create(`http://hooks.example.test:${port}/orders`)
      assert.equal(created.statusCode, 201, created.body)
      const restaurantId = created.json().id
      names.set('hooks.example.test', '127.0.0.1') // rebound after the check
      const key = randomUUID()
      await recordInTransaction(t.database, t.deps.activity, {
        restaurantId,
        type: 'order.created',
        data: { id: key, number: 'A1', total: 12 },
        idempotencyKey: key,
      })
      let lastError: string | null = null
      await waitUntil('the delivery attempt is settled', async () => {
        const result = await t.database.db.execute(
          sql`SELECT last_error FROM activity_outbox
              WHERE restaurant_id = ${restaurantId} AND idempotency_key = ${key}`,
        )
        lastError = (result as unknown as { rows: { last_error: string | null }[] }).rows[0]?.last_error ?? null
        return lastError !== null
      })
      assert.equal(lastError, 'refused: hooks.example.test resolves to 127.0.0.1, a loopback address')
      assert.equal(receiver.requests.length, 0, 'the receiver on 127.0.0.1 was never contacted')
    })
  })
}

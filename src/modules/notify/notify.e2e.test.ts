import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FakeSmtp } from '../../../test/fakes/fake-smtp.ts'
import type { FakeTwilio } from '../../../test/fakes/fake-twilio.ts'
import { admin, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { PIZZERIA_NUMBER, pizzeriaBundle } from '../orders/orders.test-utils.ts'
import { createNotifier } from './notify.service.ts'
import { startNotifyFakes, waitFor } from './notify.test-utils.ts'

const NOTIFY = { sms: ['(312) 555-0142'], email: ['Manager@Nonnas.example', 'manager@nonnas.example'] }

for (const backend of testBackends()) {
  describe(`telling the restaurant (settings.notify) on ${backend.name}`, () => {
    let t: TestApp
    let twilio: FakeTwilio
    let smtp: FakeSmtp
    let fakes: Awaited<ReturnType<typeof startNotifyFakes>>
    let pizzeria: { id: string }

    before(async () => {
      fakes = await startNotifyFakes()
      ;({ twilio, smtp } = fakes)
      t = await createTestApp(backend, {
        config: fakes.config,
      })
      pizzeria = await t.createRestaurant(pizzeriaBundle({ settings: { notify: NOTIFY } }))
    })
    after(async () => {
      await t.close()
      await fakes.close()
    })

    it('stores notify numbers as E.164 and addresses once each', async () => {
      const exported = await t.app.inject({
        method: 'GET',
        url: `/api/restaurants/${pizzeria.id}/export`,
        headers: admin,
      })
      assert.deepEqual(exported.json().settings.notify, { sms: ['+13125550142'], email: ['manager@nonnas.example'] })
    })

    it('refuses a number or an address that is not one, naming the field', async () => {
      for (const [notify, field] of [
        [{ sms: ['call me maybe'] }, /notify\.sms\.0/],
        [{ email: ['manager at nonnas'] }, /notify.*email/],
        [{ pager: ['123'] }, /pager|notify/],
      ] as const) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/restaurants',
          headers: admin,
          payload: { ...pizzeriaBundle({ settings: { notify } }), name: 'Bad Notify', phone_numbers: [] },
        })
        assert.equal(response.statusCode, 400, response.body)
        assert.match(response.json().error.message, field)
      }
    })

    it('texts every notify number from the restaurant number and mails every address', async () => {
      const notice = { subject: 'New message from Ada', text: 'Ada asks about a lost umbrella.' }
      assert.deepEqual(await t.deps.notify.tellRestaurant(pizzeria.id, notice), { queued: 2 })
      const mail = await smtp.waitForMail('manager@nonnas.example', { subject: /New message from Ada/ })
      assert.match(mail.text, /Ada asks about a lost umbrella\./)
      const sms = await waitFor(() => twilio.messages.find((m) => m.body.includes('lost umbrella')), 'the SMS')
      assert.deepEqual(
        { from: sms.from, to: sms.to, body: sms.body },
        { from: PIZZERIA_NUMBER, to: '+13125550142', body: 'New message from Ada: Ada asks about a lost umbrella.' },
      )
    })

    it('queues nothing for a restaurant with nobody to tell', async () => {
      const quiet = await t.createRestaurant({ ...pizzeriaBundle(), name: 'Quiet', phone_numbers: ['+13125550177'] })
      assert.deepEqual(await t.deps.notify.tellRestaurant(quiet.id, { subject: 's', text: 't' }), { queued: 0 })
    })

    it('keeps a notice Twilio refused and sends it on a later attempt', async () => {
      const retrying = createNotifier({
        database: t.deps.database,
        sms: t.deps.sms,
        mailer: t.deps.accounts.mailer,
        logger: { warn: () => {}, error: () => {} },
        options: { pollMs: 30, retry: { baseMs: 30, maxMs: 100, giveUpAfterMs: 60_000 } },
      })
      retrying.start()
      try {
        twilio.inject({ method: 'POST', path: /Messages\.json$/, status: 500, body: { code: 20500, message: 'down' } })
        const notice = { subject: 'Catering request', text: 'Grace, 40 people on 12 December.' }
        assert.deepEqual(await retrying.tellRestaurant(pizzeria.id, notice), { queued: 2 })
        await waitFor(() => (twilio.requests.some((r) => r.reply?.status === 500) ? true : undefined), 'the refusal')
        const sms = await waitFor(() => twilio.messages.find((m) => m.body.includes('Grace, 40')), 'the resent SMS')
        assert.equal(sms.to, '+13125550142')
        await smtp.waitForMail('manager@nonnas.example', { subject: /Catering request/ })
      } finally {
        await retrying.close()
      }
    })
  })
}

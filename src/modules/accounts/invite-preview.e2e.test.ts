import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { admin, createTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { inviteAndAccept } from './accounts.test-utils.ts'

for (const backend of testBackends()) {
  describe(`what an invite link is for, before it is accepted, on ${backend.name}`, () => {
    let t: TestApp
    let restaurant: { id: string }
    before(async () => {
      t = await createTestApp(backend)
      restaurant = await t.createRestaurant({ name: 'Preview Pho' })
    })
    after(() => t.close())

    const invite = async (email: string, role: string, restaurantId?: string) => {
      const url = restaurantId ? `/api/restaurants/${restaurantId}/invites` : '/api/invites'
      const created = await t.app.inject({ method: 'POST', url, headers: admin, payload: { email, role } })
      assert.equal(created.statusCode, 201, created.body)
      return created.json().token as string
    }
    const preview = (token: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/auth/accept-invite/preview', payload: { token } })

    it('names the email, role and restaurant, and whether the email already has an account', async () => {
      const token = await invite('Pho.Cook@Example.com', 'staff', restaurant.id)
      const fresh = await preview(token)
      assert.equal(fresh.statusCode, 200, fresh.body)
      assert.deepEqual(fresh.json(), {
        email: 'pho.cook@example.com',
        role: 'staff',
        restaurant: { id: restaurant.id, name: 'Preview Pho' },
        account_exists: false,
      })

      await inviteAndAccept(t.app, { inviter: admin, email: 'pho.ops@example.com', role: 'operator' })
      const known = await preview(await invite('pho.ops@example.com', 'owner', restaurant.id))
      assert.equal(known.json().account_exists, true)
      const operator = await preview(await invite('second.ops@example.com', 'operator'))
      assert.deepEqual(operator.json(), {
        email: 'second.ops@example.com',
        role: 'operator',
        restaurant: null,
        account_exists: false,
      })
    })

    it('refuses a used, unknown or malformed token with a 400 that says so', async () => {
      const token = await invite('used.once@example.com', 'owner', restaurant.id)
      const accepted = await t.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token, password: 'a long enough password' },
      })
      assert.equal(accepted.statusCode, 200, accepted.body)
      for (const used of [token, 'never-issued']) {
        const refused = await preview(used)
        assert.equal(refused.statusCode, 400)
        assert.equal(refused.json().error.code, 'invalid_token')
      }
      const malformed = await preview(42)
      assert.equal(malformed.statusCode, 400)
      assert.match(malformed.json().error.message, /body\/token|body\.token|token/)
    })
  })
}

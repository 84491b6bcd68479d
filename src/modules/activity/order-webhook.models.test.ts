import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nextRetryInMs } from '../../infra/db/delivery-queue.ts'
import { signOrderWebhook, webhookOrigin } from './order-webhook.models.ts'

describe('the order webhook models', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256, as `openssl dgst -sha256 -hmac` does', () => {
    assert.equal(
      signOrderWebhook({ secret: 'whsec_example', timestamp: 1_700_000_000, body: '{"type":"order.created"}' }),
      'sha256=b40e8cbae7e7eccf9a43ead379c82b715ed9b307deba01031ce8cd94bd4aaf99',
    )
  })

  it('waits 1 s, 2 s, 4 s … between attempts, at most 5 minutes, and gives up on events three days old', () => {
    const policy = { baseMs: 1_000, maxMs: 300_000, giveUpAfterMs: 3 * 86_400_000 }
    const hour = 3_600_000
    assert.deepEqual(
      [1, 2, 3, 4, 9, 10, 30].map((attempts) => nextRetryInMs({ attempts, ageMs: hour, policy })),
      [1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000],
    )
    assert.equal(nextRetryInMs({ attempts: 2, ageMs: 72 * hour, policy }), null)
  })

  it('logs only the origin of a webhook URL, never its path or query', () => {
    assert.equal(webhookOrigin('https://pos.example.com/hooks/abc?token=s3cret'), 'https://pos.example.com')
    assert.equal(webhookOrigin('not a url'), 'invalid url')
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('defaults to the embedded database, local embeddings and port 8000', () => {
    const config = loadConfig({})
    assert.equal(config.port, 8000)
    assert.equal(config.host, '0.0.0.0')
    assert.equal(config.databaseUrl, undefined)
    assert.equal(config.embeddingProvider, 'local')
    assert.equal(config.cacheTtlSeconds, 60)
  })

  it('chooses OpenAI embeddings when an OpenAI key is set', () => {
    assert.equal(loadConfig({ OPENAI_API_KEY: 'sk-test' }).embeddingProvider, 'openai')
  })

  it('in production, refuses to start without its secrets and names each one', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(error.message, /VAPI_SECRET_KEY is required/)
        assert.match(error.message, /ADMIN_API_KEY is required/)
        return true
      },
    )
  })

  it('names the variable that is wrong', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be an integer/)
    assert.throws(() => loadConfig({ CACHE_TTL_SECONDS: '-1' }), /CACHE_TTL_SECONDS/)
    assert.throws(() => loadConfig({ EMBEDDING_PROVIDER: 'magic' }), /EMBEDDING_PROVIDER must be one of openai, local/)
    assert.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /DATABASE_URL must be a URL/)
    assert.throws(() => loadConfig({ ADMIN_API_KEY: 'short' }), /ADMIN_API_KEY must be at least 16 characters/)
  })

  it('checks the mail and session settings, without echoing the SMTP password', () => {
    const config = loadConfig({ SMTP_URL: 'smtp://u:p@127.0.0.1:2525', MAIL_FROM: 'Bistro <no-reply@example.com>' })
    assert.equal(config.smtpUrl, 'smtp://u:p@127.0.0.1:2525')
    assert.equal(config.sessionIdleMinutes, 720)
    assert.equal(config.sessionMaxHours, 168)
    assert.throws(
      () => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }),
      /SMTP_URL and MAIL_FROM must be set together/,
    )
    assert.throws(
      () => loadConfig({ SMTP_URL: 'http://u:secret-pw@x', MAIL_FROM: 'a@b.c' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /SMTP_URL must be an smtp/.test(error.message) &&
        !/secret-pw/.test(error.message),
    )
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://x', MAIL_FROM: 'nobody' }), /MAIL_FROM must be an email/)
    assert.throws(
      () => loadConfig({ SESSION_IDLE_MINUTES: '600', SESSION_MAX_HOURS: '2' }),
      /SESSION_IDLE_MINUTES must not exceed/,
    )
    assert.throws(() => loadConfig({ PUBLIC_APP_URL: 'nope' }), /PUBLIC_APP_URL must be a URL/)
  })
})

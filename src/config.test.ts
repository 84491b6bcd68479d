import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig, outboundPolicyOf } from './config.ts'

describe('configuration', () => {
  it('defaults to the embedded database, local embeddings and port 8000', () => {
    const config = loadConfig({})
    assert.equal(config.port, 8000)
    assert.equal(config.host, '127.0.0.1')
    assert.equal(config.databaseUrl, undefined)
    assert.equal(config.embeddingProvider, 'local')
    assert.equal(config.cacheTtlSeconds, 60)
    assert.equal(config.metricsEnabled, true)
    assert.equal(config.slowToolMs, 50)
  })

  it('reads the operations switches: metrics off, a metrics token, the slow-tool threshold', () => {
    const config = loadConfig({ METRICS_ENABLED: 'false', METRICS_TOKEN: 'prometheus-scrape-token', SLOW_TOOL_MS: '5' })
    assert.deepEqual(
      [config.metricsEnabled, config.metricsToken, config.slowToolMs],
      [false, 'prometheus-scrape-token', 5],
    )
    assert.throws(() => loadConfig({ METRICS_ENABLED: 'yes' }), /METRICS_ENABLED must be one of true, false/)
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN must be at least 16 characters/)
    assert.throws(() => loadConfig({ SLOW_TOOL_MS: '-3' }), /SLOW_TOOL_MS must be an integer/)
  })

  it('listens on loopback while the development keys are in use, on every interface once both are set', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1')
    assert.equal(loadConfig({ ADMIN_API_KEY: 'an-admin-key-0123456789' }).host, '127.0.0.1')
    const keys = { ADMIN_API_KEY: 'an-admin-key-0123456789', VAPI_SECRET_KEY: 'a-vapi-secret-0123456789' }
    assert.equal(loadConfig(keys).host, '0.0.0.0')
    assert.equal(loadConfig({ ...keys, HOST: '192.168.1.20' }).host, '192.168.1.20')
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])
      assert.equal(loadConfig({ HOST: host }).host, host)
  })

  it('refuses a non-loopback HOST with the development keys, naming the keys and the ways out', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'example.com']) {
      assert.throws(
        () => loadConfig({ HOST: host }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError)
          assert.match(error.message, new RegExp(`HOST=${host.replace(/\./g, '\\.')} would serve the well-known`))
          assert.match(error.message, /VAPI_SECRET_KEY and ADMIN_API_KEY/)
          assert.match(error.message, /listen on loopback \(HOST=127\.0\.0\.1\)/)
          return true
        },
      )
    }
    assert.throws(
      () => loadConfig({ HOST: '0.0.0.0', VAPI_SECRET_KEY: 'a-vapi-secret-0123456789' }),
      /development ADMIN_API_KEY to the network/,
    )
  })

  it('lets owner-set URLs reach loopback in development and tests only; production refuses to start so', () => {
    assert.equal(loadConfig({}).outboundAllowLoopback, true)
    assert.equal(loadConfig({ NODE_ENV: 'test' }).outboundAllowLoopback, true)
    assert.equal(loadConfig({ OUTBOUND_ALLOW_LOOPBACK: 'false' }).outboundAllowLoopback, false)
    const secrets = { ADMIN_API_KEY: 'admin-key-0123456789', VAPI_SECRET_KEY: 'vapi-secret-0123456789' }
    const production = loadConfig({ NODE_ENV: 'production', ...secrets })
    assert.equal(production.outboundAllowLoopback, false)
    assert.deepEqual(outboundPolicyOf(production), { allowLoopback: false, requireHttps: true })
    assert.deepEqual(outboundPolicyOf(loadConfig({})), { allowLoopback: true, requireHttps: false })
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', ...secrets, OUTBOUND_ALLOW_LOOPBACK: 'true' }),
      /OUTBOUND_ALLOW_LOOPBACK=true is for development and tests; production refuses it/,
    )
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

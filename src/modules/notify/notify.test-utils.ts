import { type FakeSmtp, startFakeSmtp } from '../../../test/fakes/fake-smtp.ts'
import { type FakeTwilio, startFakeTwilio } from '../../../test/fakes/fake-twilio.ts'
import type { Config } from '../../config.ts'

/** A fake Twilio and a fake SMTP server, and the config that points the server at both. */
export async function startNotifyFakes(): Promise<{
  twilio: FakeTwilio
  smtp: FakeSmtp
  config: Partial<Config>
  close(): Promise<void>
}> {
  const [twilio, smtp] = await Promise.all([startFakeTwilio(), startFakeSmtp()])
  return {
    twilio,
    smtp,
    config: {
      twilioAccountSid: twilio.accountSid,
      twilioAuthToken: twilio.authToken,
      twilioApiBaseUrl: twilio.url,
      smtpUrl: smtp.url,
      mailFrom: 'calls@platform.example',
    },
    close: async () => {
      await Promise.all([twilio.close(), smtp.close()])
    },
  }
}

/** The first value `read` gives, polling for a few seconds (an SMS the fake received, say). */
export async function waitFor<T>(read: () => T | undefined, what: string, ms = 5_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = read()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

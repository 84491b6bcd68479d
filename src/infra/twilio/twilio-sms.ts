import twilio from 'twilio'
import { BaseUrlRequestClient } from './twilio-client.ts'

/** Text messages through Twilio's Messages API (official SDK), e.g. order confirmations. */
export type SmsSender = { send(input: { from: string; to: string; body: string }): Promise<{ sid: string }> }

export function createTwilioSms({
  accountSid,
  authToken,
  baseUrl,
  timeoutSeconds,
}: {
  accountSid: string
  authToken: string
  baseUrl: string
  timeoutSeconds: number
}): SmsSender {
  const httpClient =
    baseUrl === 'https://api.twilio.com'
      ? new twilio.RequestClient({ timeout: timeoutSeconds * 1000 })
      : new BaseUrlRequestClient(baseUrl, timeoutSeconds * 1000)
  const client = twilio(accountSid, authToken, { httpClient })
  return {
    async send({ from, to, body }) {
      const message = await client.messages.create({ from, to, body })
      return { sid: message.sid }
    },
  }
}

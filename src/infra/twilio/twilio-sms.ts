import { type TwilioOptions, twilioSdk } from './twilio-client.ts'

/** Text messages through Twilio's Messages API (official SDK), e.g. order confirmations. */
export type SmsSender = { send(input: { from: string; to: string; body: string }): Promise<{ sid: string }> }

export function createTwilioSms(options: TwilioOptions): SmsSender {
  const client = twilioSdk(options)
  return {
    async send({ from, to, body }) {
      const message = await client.messages.create({ from, to, body })
      return { sid: message.sid }
    },
  }
}

import { createTransport } from 'nodemailer'

export type Mail = { to: string; subject: string; text: string }

/** Sends invites and reset links; `configured` false = links are only returned to whoever asked. */
export type Mailer = { configured: boolean; send(mail: Mail): Promise<void>; close(): void }

/**
 * SMTP through nodemailer when SMTP_URL and MAIL_FROM are set. Short timeouts: an invite is
 * created inside a request, and its link is returned whether or not the mail went out.
 */
export function createMailer({ smtpUrl, from }: { smtpUrl: string | undefined; from: string | undefined }): Mailer {
  if (!smtpUrl || !from) return { configured: false, send: async () => {}, close: () => {} }
  const transport = createTransport(
    { url: smtpUrl, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 },
    { from },
  )
  return {
    configured: true,
    async send(mail) {
      await transport.sendMail(mail)
    },
    close: () => transport.close(),
  }
}

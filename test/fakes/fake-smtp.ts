import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { from: string; to: string[]; raw: string; text: string; subject: string }

export type FakeSmtp = {
  /** smtp://user:password@127.0.0.1:<port>, for SMTP_URL. */
  url: string
  mails: ReceivedMail[]
  /** The first mail to `to` (whose subject matches `subject`, if given) received, waiting a few seconds. */
  waitForMail(to: string, options?: { subject?: RegExp; timeoutMs?: number }): Promise<ReceivedMail>
  close(): Promise<void>
}

/** Quoted-printable, as nodemailer encodes long lines: soft breaks joined, =XX decoded. */
function decodeQuotedPrintable(body: string): string {
  return Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8')
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that requires AUTH PLAIN/LOGIN
 * with the given credentials and keeps every message it accepts, as a mail provider would
 * accept it for delivery.
 */
export async function startFakeSmtp({ user = 'mailer', password = 'smtp-secret-pw' } = {}): Promise<FakeSmtp> {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user })
      return callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
        const body = rest.join('\n\n')
        const qp = /content-transfer-encoding:\s*quoted-printable/i.test(head)
        const base64 = /content-transfer-encoding:\s*base64/i.test(head)
        const text = qp ? decodeQuotedPrintable(body) : base64 ? Buffer.from(body, 'base64').toString('utf8') : body
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text,
          subject: /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '',
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    mails,
    async waitForMail(to, { subject, timeoutMs = 5_000 } = {}) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        const mail = mails.find((m) => m.to.includes(to) && (!subject || subject.test(m.subject)))
        if (mail) return mail
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      throw new Error(`no mail to ${to} within ${timeoutMs} ms`)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

import 'dotenv/config'
import { pino } from 'pino'
import { openDatabase } from '../app/services.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { createMemoryCache } from '../infra/cache/memory-cache.ts'
import { DataDirLockedError } from '../infra/db/data-dir-lock.ts'
import { createAccounts } from '../modules/accounts/accounts.service.ts'
import { createInvite } from '../modules/accounts/invites.usecases.ts'
import { systemClock } from '../shared/events.ts'

// `npm run operator:invite -- <email>`: how the first operator gets in on a new install. Prints
// an operator invite link (single use, 7 days; also mailed when SMTP is configured). Talks to
// DATABASE_URL, else to the embedded database in DATA_DIR, which is single-process: while the
// server runs it refuses, naming it (then POST /api/invites with the ADMIN_API_KEY).
async function main() {
  const email = process.argv[2]?.trim()
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    console.error('usage: npm run operator:invite -- <email>')
    process.exit(2)
  }
  const config = loadConfig()
  const logger = pino({ level: 'warn' })
  const database = await openDatabase(config, logger)
  try {
    const accounts = createAccounts({ config, database, cache: createMemoryCache(), clock: systemClock, logger })
    const invite = await createInvite({ accounts, email, role: 'operator', restaurantId: null, invitedBy: null })
    accounts.mailer.close()
    console.log(
      `Operator invite for ${invite.email}, valid until ${invite.expires_at}${invite.mailed ? ' (mailed)' : ''}:`,
    )
    console.log(invite.invite_url)
  } finally {
    await database.close()
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : error)
  process.exit(1)
})

import 'dotenv/config'
import { openDatabase } from '../app/services.ts'
import { loadConfig } from '../config.ts'
import { DataDirLockedError } from '../infra/db/data-dir-lock.ts'
import { createPostgresDatabase } from '../infra/db/database.ts'
import { migrate } from '../infra/db/migrate.ts'

// `npm run migrate`: applies migrations/*.sql to DATABASE_URL (the embedded database migrates itself on start).
const config = loadConfig()
const database = await (config.databaseUrl
  ? createPostgresDatabase({ url: config.databaseUrl, ssl: config.databaseSsl, poolSize: 1 })
  : openDatabase(config)
).catch((error) => {
  if (!(error instanceof DataDirLockedError)) throw error
  // The embedded database is single-process: the server holding it migrated it when it started.
  console.error(error.message)
  process.exit(1)
})
const { applied } = await migrate(database)
console.log(applied.length > 0 ? `applied ${applied.join(', ')}` : 'database is up to date')
await database.close()

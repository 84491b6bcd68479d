import 'dotenv/config'
import { openDatabase } from '../app/services.ts'
import { loadConfig } from '../config.ts'
import { createPostgresDatabase } from '../infra/db/database.ts'
import { migrate } from '../infra/db/migrate.ts'

// `npm run migrate`: applies migrations/*.sql to DATABASE_URL (the embedded database migrates itself on start).
const config = loadConfig()
const database = config.databaseUrl
  ? await createPostgresDatabase({ url: config.databaseUrl, ssl: config.databaseSsl, poolSize: 1 })
  : await openDatabase(config)
const { applied } = await migrate(database)
console.log(applied.length > 0 ? `applied ${applied.join(', ')}` : 'database is up to date')
await database.close()

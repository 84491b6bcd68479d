import path from 'node:path'
import { prepareTemplate } from '../infra/db/pglite-template.ts'

// Run by `npm install` (the `prepare` script): the template a new embedded database starts from,
// so that the first `npm start` does not wait for PGlite's initdb and the migrations. Never fails
// the install: without a template a new database is created the slow way.
const started = performance.now()
try {
  const { file, created } = await prepareTemplate()
  const where = path.relative(process.cwd(), file)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    created
      ? `prepared the embedded database template ${where} in ${seconds} s`
      : `embedded database template ${where} is up to date`,
  )
} catch (error) {
  console.warn(`no embedded database template (a new DATA_DIR will take longer to create): ${(error as Error).message}`)
}

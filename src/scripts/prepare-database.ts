import path from 'node:path'
import { prepareTemplate } from '../infra/db/pglite-template.ts'

// Run by `npm install` (the `prepare` script): the template a new embedded database starts from,
// so that the first `npm start` does not wait for PGlite's initdb and the migrations.
const started = performance.now()
const { file, created } = await prepareTemplate()
const where = path.relative(process.cwd(), file)
console.log(
  created
    ? `prepared the embedded database template ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s`
    : `embedded database template ${where} is up to date`,
)

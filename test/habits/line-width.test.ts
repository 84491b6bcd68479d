import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'

const root = path.resolve(import.meta.dirname, '../..')
const LONG = `export const probe = '${'x'.repeat(130)}'\n`

/** Runs `scripts/check-line-width.mjs` with one probe file in place, then removes it. */
function checkWithProbe(file: string) {
  writeFileSync(path.join(root, file), LONG)
  try {
    const run = spawnSync(process.execPath, ['scripts/check-line-width.mjs'], { cwd: root, encoding: 'utf8' })
    return { status: run.status, output: run.stdout + run.stderr }
  } finally {
    rmSync(path.join(root, file), { force: true })
  }
}

describe('the line-width check of npm run lint', () => {
  for (const file of [
    `bench/line-probe-${randomUUID()}.ts`,
    `scripts/line-probe-${randomUUID()}.mjs`,
    `web/line-probe-${randomUUID()}.ts`,
    `scripts/line-probe-${randomUUID()}.sh`,
  ]) {
    it(`fails on a line over 120 columns in ${path.dirname(file)}/ (${path.extname(file)})`, () => {
      const { status, output } = checkWithProbe(file)
      assert.equal(status, 1, output)
      assert.match(output, new RegExp(`${file.replace(/\./g, '\\.')}:1: 1\\d\\d columns`))
    })
  }

  it('leaves generated files to their generator', () => {
    const { output } = checkWithProbe(`bench/line-probe-${randomUUID()}.generated.ts`)
    assert.doesNotMatch(output, /line-probe/)
  })
})

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'

const root = path.resolve(import.meta.dirname, '../..')
const biome = path.join(root, 'node_modules/.bin/biome')

/** Lints one probe file placed in src/ (where the repository's rules apply), then removes it. */
function lintProbe(source: string) {
  const file = path.join('src', `lint-probe-${randomUUID()}.ts`)
  writeFileSync(path.join(root, file), source)
  try {
    const run = spawnSync(biome, ['lint', '--colors=off', file], { cwd: root, encoding: 'utf8' })
    return { status: run.status, output: run.stdout + run.stderr }
  } finally {
    rmSync(path.join(root, file), { force: true })
  }
}

describe('the linter', () => {
  it('fails on a floating promise, == and an unused variable', () => {
    const { status, output } = lintProbe(
      [
        'async function save(): Promise<void> {}',
        'export async function handler(a: number, b: string) {',
        '  const unused = 1',
        '  save()',
        '  return a == Number(b)',
        '}',
        '',
      ].join('\n'),
    )
    assert.equal(status, 1, output)
    assert.match(output, /noFloatingPromises/)
    assert.match(output, /noDoubleEquals/)
    assert.match(output, /noUnusedVariables/)
  })

  it('passes the same code written correctly', () => {
    const { status, output } = lintProbe(
      [
        'async function save(): Promise<void> {}',
        'export async function handler(a: number, b: string) {',
        '  await save()',
        '  return a === Number(b)',
        '}',
        '',
      ].join('\n'),
    )
    assert.equal(status, 0, output)
  })
})

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** A body the server sends Vapi, and the `@vapi-ai/server-sdk` type it must be (e.g. `Vapi.CreateToolsRequest`). */
export type SentPayload = { label: string; type: string; body: unknown }

const require = createRequire(import.meta.url)

/**
 * Compiles every payload as an object literal assigned to its SDK type, in one `tsc --noEmit` run.
 * Literals get TypeScript's excess-property checks, so a field Vapi's schema does not know is an
 * error, as is a missing or mistyped one. Returns the errors, each with the label of its payload.
 */
export function typecheckAgainstVapiSdk(payloads: SentPayload[]): string[] {
  const sdk = require.resolve('@vapi-ai/server-sdk')
  const tsc = require.resolve('typescript/bin/tsc')
  const dir = mkdtempSync(path.join(tmpdir(), 'vapi-payloads-'))
  try {
    const lines = [`import type { Vapi } from ${JSON.stringify(sdk)}`]
    /** The payload label of each line of the file, by 1-based line number as tsc reports it. */
    const labels = ['', '']
    payloads.forEach(({ label, type, body }, index) => {
      const text = `export const payload${index}: ${type} = ${JSON.stringify(body, null, 2)}`.split('\n')
      lines.push(...text)
      labels.push(...text.map(() => label))
    })
    const file = path.join(dir, 'payloads.ts')
    writeFileSync(file, `${lines.join('\n')}\n`)
    const run = spawnSync(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'nodenext', file],
      { encoding: 'utf8' },
    )
    const output = `${run.stdout}${run.stderr}`.trim()
    if (run.status === 0) return []
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line))
    if (errors.length === 0) throw new Error(`tsc failed without a type error:\n${output}`)
    return errors.map((error) => {
      const line = Number(/\((\d+),\d+\)/.exec(error)?.[1] ?? 0)
      return `${labels[line] ?? '?'}: ${error.replace(/^.*?payloads\.ts/, '')}`
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

#!/usr/bin/env node
// Biome wraps code at 120 columns but never breaks a string or a comment; this fails on any
// line it left longer, so long lines are split by hand rather than allowed to drift back.
// Every source file git knows (tracked or new, not ignored) is checked, whatever its folder;
// generated files (*.generated.*) and data (JSON, Markdown, results) are not source, and a
// migration, once applied somewhere, is never edited.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const WIDTH = 120
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx|css|html|sh|sql|ya?ml)$/
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'])
  .toString()
  .split('\n')
  .filter((file) => SOURCE.test(file) && !file.includes('.generated.') && !file.startsWith('migrations/'))
const long = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => ([...line].length > WIDTH ? [`${file}:${index + 1}: ${[...line].length} columns`] : [])),
)
if (long.length > 0) {
  console.error(`${long.length} lines are longer than ${WIDTH} columns:\n${long.join('\n')}`)
  process.exit(1)
}
console.log(`line width: ${files.length} files, no line over ${WIDTH} columns`)

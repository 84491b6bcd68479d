#!/usr/bin/env node
// Biome wraps code at 120 columns but never breaks a string or a comment; this fails on any
// line it left longer, so long lines are split by hand rather than allowed to drift back.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const WIDTH = 120
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'test', 'web/src'])
  .toString()
  .split('\n')
  .filter((file) => /\.(ts|tsx|mjs|js)$/.test(file) && !file.includes('.generated.'))
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

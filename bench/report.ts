// Formatting for the bench reports: markdown tables, the machine line, and the results folder.
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const RESULTS_DIR = path.join(import.meta.dirname, 'results')

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** A markdown table; the first column left-aligned, the others (figures) right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

export function machineLine(): string {
  const cpus = os.cpus()
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
  const memory = `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`
  return `${cpus.length} × ${cpus[0]?.model.trim()}, ${memory}, Node ${process.version}, load average at start ${load}`
}

export function writeResult(name: string, markdown: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, name)
  writeFileSync(file, `${markdown}\n`)
  return file
}

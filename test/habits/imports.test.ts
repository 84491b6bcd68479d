import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'

const root = path.resolve(import.meta.dirname, '../..')
const src = path.join(root, 'src')

// Value and type imports alike, re-exports, side-effect imports and import(): a type import ties
// two files together just as much for the reader (and `npx madge --circular` counts them too).
const FROM = /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm
const DYNAMIC = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g

type Graph = Map<string, string[]>

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** Each file under src/ (relative to it) with the files it imports through relative specifiers. */
function importGraph(): Graph {
  const graph: Graph = new Map()
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8')
    const specifiers = [...text.matchAll(FROM), ...text.matchAll(BARE), ...text.matchAll(DYNAMIC)].map(
      (m) => m[1] ?? '',
    )
    const targets = specifiers
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => path.relative(src, path.resolve(path.dirname(file), specifier)))
    graph.set(path.relative(src, file), [...new Set(targets)].sort())
  }
  return graph
}

/** The first import circle found (a path that ends where it starts), or undefined. */
function findCycle(graph: Graph): string[] | undefined {
  const done = new Set<string>()
  const onPath: string[] = []
  const visit = (node: string): string[] | undefined => {
    const at = onPath.indexOf(node)
    if (at !== -1) return [...onPath.slice(at), node]
    if (done.has(node)) return undefined
    onPath.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    onPath.pop()
    done.add(node)
    return undefined
  }
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return undefined
}

describe('imports', () => {
  const graph = importGraph()

  it('reads the import lines of src/ (multi-line, type-only and re-exports included)', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files found under src/`)
    const server = graph.get(path.join('app', 'server.routes.ts')) ?? []
    assert.ok(server.includes(path.join('modules', 'orders', 'orders.routes.ts')), server.join('\n'))
    assert.ok(server.includes(path.join('app', 'services.ts')), 'a type-only import counts')
  })

  it('finds a circle when there is one', () => {
    const circle: Graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ])
    assert.deepEqual(findCycle(circle), ['a.ts', 'b.ts', 'c.ts', 'a.ts'])
    assert.equal(
      findCycle(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
      undefined,
    )
  })

  it('src/ has no import circle (npx madge --circular --extensions ts src says the same)', () => {
    const cycle = findCycle(graph)
    assert.equal(cycle, undefined, `import circle: ${cycle?.join(' > ')}`)
  })

  it('modules never import src/app/: the app imports modules and hands each one its own dependencies', () => {
    const offenders = [...graph]
      .filter(([file]) => file.startsWith(`modules${path.sep}`))
      .flatMap(([file, targets]) =>
        targets.filter((target) => target.startsWith(`app${path.sep}`)).map((target) => `${file} -> ${target}`),
      )
    assert.deepEqual(offenders, [])
  })
})

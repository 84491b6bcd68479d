import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import semver from 'semver'

const root = path.resolve(import.meta.dirname, '../..')
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'))

// npm warns EBADENGINE when an installed package needs a Node the project says it does not: the
// declared range must be one that every installed package runs on.
describe('the Node versions package.json declares', () => {
  const declared: string = readJson('package.json').engines.node

  it('are ones every installed package supports, and include the Node running now', () => {
    const lock = readJson('package-lock.json')
    const refused = Object.entries(lock.packages as Record<string, { engines?: { node?: unknown } }>)
      .filter(([location]) => location !== '' && existsSync(path.join(root, location, 'package.json')))
      .flatMap(([location, entry]) => {
        const range = entry.engines?.node
        if (typeof range !== 'string' || semver.subset(declared, range)) return []
        return [`${location.replace(/^node_modules\//, '')} needs ${range}`]
      })
    assert.deepEqual(refused, [], `declared ${declared}`)
    assert.ok(semver.satisfies(process.version, declared), `${process.version} is outside ${declared}`)
  })
})

import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The project's folder (where package.json is), found from this module's own location, so that it
 * is the same whether the code runs from `src/` (tsx, tests) or from the server bundle `npm start`
 * builds into `.cache/server/`. Migrations, the dashboard and the Vapi configuration are read from it.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)))

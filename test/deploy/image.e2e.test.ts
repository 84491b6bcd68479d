import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { freePort } from '../../scripts/test-services.mjs'

// Containers cannot run on these machines, so the image's steps are checked here instead: the
// runtime stage of the Dockerfile holds only what its COPY lines name, runs the server bundle
// with NODE_ENV=production, and has only the production dependencies.
const ROOT = path.resolve(import.meta.dirname, '../..')
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
const runtimeStage = dockerfile.slice(dockerfile.indexOf(' AS runtime'))
const copied = [...runtimeStage.matchAll(/^COPY --from=build \/app\/(\S+) /gm)].map((match) => match[1]!)
const command = JSON.parse(/^CMD (\[.*\])$/m.exec(runtimeStage)![1]!) as string[]

describe('the container image', { timeout: 240_000 }, () => {
  const app = mkdtempSync(path.join(tmpdir(), 'rv-image-'))
  after(() => rmSync(app, { recursive: true, force: true }))

  it('builds the server and the dashboard, and its runtime stage copies what the server reads', () => {
    for (const script of ['scripts/build-web.mjs', 'scripts/build-server.mjs']) {
      const build = spawnSync(process.execPath, [script], { cwd: ROOT, stdio: 'inherit' })
      assert.equal(build.status, 0, script)
    }
    assert.deepEqual(copied.sort(), ['.cache', 'config', 'migrations', 'node_modules', 'package.json', 'web/dist'])
    assert.deepEqual(command, ['node', '--enable-source-maps', '.cache/server/start.mjs'])
    assert.match(runtimeStage, /^USER node$/m, 'runs as a user without rights')
    assert.match(runtimeStage, /^HEALTHCHECK .*\n?.*\/api\/health\/live/m)
  })

  it('needs at run time only packages that npm prune --omit=dev keeps', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    const builtins = new Set(builtinModules)
    // `import … from 'x'`, `export … from 'x'`, `import 'x'` and `import('x')`.
    const imports = new RegExp(
      [
        String.raw`^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]`,
        String.raw`^\s*import\s*['"]([^'"]+)['"]`,
        String.raw`\bimport\(\s*['"]([^'"]+)['"]\s*\)`,
      ].join('|'),
      'gm',
    )
    // Every file the server loads, from the bundle along its relative imports.
    const packages = new Set<string>()
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      for (const [, fromStatement, bare, call] of readFileSync(file, 'utf8').matchAll(imports)) {
        const specifier = (fromStatement ?? bare ?? call)!
        if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier))
        else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
          const parts = specifier.split('/')
          packages.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!)
        }
      }
    }
    visit(path.join(ROOT, '.cache', 'server', 'start.mjs'))
    assert.ok(packages.has('fastify') && packages.has('@electric-sql/pglite'), [...packages].join(', '))
    assert.deepEqual([...packages].filter((name) => !(name in dependencies)).sort(), [])
  })

  it('starts from that layout with NODE_ENV=production, answers its health check, and stops on SIGTERM', async () => {
    for (const entry of copied.filter((entry) => entry !== 'node_modules')) {
      mkdirSync(path.dirname(path.join(app, entry)), { recursive: true })
      cpSync(path.join(ROOT, entry), path.join(app, entry), { recursive: true })
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'))
    const port = await freePort()
    const server = spawn(command[0] === 'node' ? process.execPath : command[0]!, command.slice(1), {
      cwd: app,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: path.join(app, 'data'),
        ADMIN_API_KEY: 'image-test-admin-key-0123456789',
        VAPI_SECRET_KEY: 'image-test-vapi-secret-0123456789',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    server.stdout!.on('data', (chunk) => (output += chunk))
    server.stderr!.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)))
    try {
      let health: Response | undefined
      for (const deadline = performance.now() + 180_000; !health && performance.now() < deadline; ) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined)
        if (!health) await new Promise((resolve) => setTimeout(resolve, 200))
        if (server.exitCode !== null) break
      }
      assert.ok(health, `no answer:\n${output}`)
      assert.equal(health.status, 200, output)
      assert.equal((await health.json()).status, 'healthy')
      const page = await fetch(`http://127.0.0.1:${port}/`)
      assert.match(await page.text(), /<div id="root">/, 'the dashboard is served')
    } finally {
      server.kill('SIGTERM')
    }
    assert.equal(await exited, 0, output)
  })
})

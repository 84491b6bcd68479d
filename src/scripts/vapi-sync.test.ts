import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { type FakeVapi, startFakeVapi } from '../../test/fakes/fake-vapi.ts'
import { ALL_TOOL_NAMES } from '../modules/vapi/assistant-config.ts'

const run = promisify(execFile)

describe('npm run vapi:sync', () => {
  let vapi: FakeVapi
  let dataDir: string
  before(async () => {
    vapi = await startFakeVapi()
    dataDir = await mkdtemp(path.join(tmpdir(), 'vapi-sync-'))
  })
  after(async () => {
    await vapi.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  const sync = () =>
    run(process.execPath, ['--import', 'tsx', 'src/scripts/vapi-sync.ts'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        VAPI_API_KEY: vapi.apiKey,
        VAPI_BASE_URL: vapi.url,
        PUBLIC_BACKEND_URL: 'https://voice.example.test',
        VAPI_SECRET_KEY: 'script-test-webhook-secret',
        VAPI_MAX_RETRIES: '0',
      },
    })

  it('syncs into Vapi and stores the assistant on the first run, and reports no change on the second', async () => {
    const first = await sync()
    // Every tool and the assistant.
    const writes = ALL_TOOL_NAMES.length + 1
    assert.match(first.stdout, new RegExp(`${writes} change\\(s\\) written; shared assistant [0-9a-f-]{36}`))
    assert.equal(vapi.writes().length, writes)
    const second = await sync()
    assert.match(second.stdout, /Vapi is up to date; shared assistant [0-9a-f-]{36}/)
    assert.equal(vapi.writes().length, writes)
  })

  it('says which variable is missing instead of calling Vapi', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/scripts/vapi-sync.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATA_DIR: dataDir },
    }).then(
      () => assert.fail('expected a failure'),
      (error) => error,
    )
    assert.equal(failed.code, 1)
    assert.match(failed.stderr, /VAPI_API_KEY is required for vapi:sync/)
    assert.match(failed.stderr, /PUBLIC_BACKEND_URL is required for vapi:sync/)
  })
})

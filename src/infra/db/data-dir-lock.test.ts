import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { acquireDataDirLock, DataDirLockedError, lockFileOf } from './data-dir-lock.ts'
import { createPgliteDatabase } from './database.ts'

describe('the lock on an embedded data directory', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'rv-lock-'))
  after(() => rmSync(root, { recursive: true, force: true }))
  const dir = (name: string) => path.join(root, name)

  it('holds the pid of its owner beside the directory, and is removed on release', () => {
    const lock = acquireDataDirLock(dir('a'))
    assert.equal(lock.file, `${dir('a')}.lock`)
    assert.equal(JSON.parse(readFileSync(lock.file, 'utf8')).pid, process.pid)
    lock.release()
    assert.equal(existsSync(lock.file), false)
  })

  it('refuses a second opening in the same process until the first is released', () => {
    const lock = acquireDataDirLock(dir('b'))
    assert.throws(() => acquireDataDirLock(dir('b')), DataDirLockedError)
    lock.release()
    acquireDataDirLock(dir('b')).release()
  })

  it('refuses while another running process holds it, naming that process', async () => {
    const other = spawn('sleep', ['30'])
    try {
      writeFileSync(
        lockFileOf(dir('c')),
        JSON.stringify({ pid: other.pid, command: 'npm run start', started_at: '2026-12-07T10:00:00.000Z' }),
      )
      assert.throws(
        () => acquireDataDirLock(dir('c')),
        (error: unknown) => {
          assert.ok(error instanceof DataDirLockedError)
          assert.match(
            error.message,
            new RegExp(
              `in use by another process \\(pid ${other.pid}: npm run start, since 2026-12-07T10:00:00.000Z\\)`,
            ),
          )
          return true
        },
      )
      assert.equal(JSON.parse(readFileSync(lockFileOf(dir('c')), 'utf8')).pid, other.pid, 'its lock stays')
    } finally {
      other.kill()
      await new Promise((resolve) => other.once('exit', resolve))
    }
    // Its process gone, the lock is stale and taken over.
    const lock = acquireDataDirLock(dir('c'))
    assert.equal(JSON.parse(readFileSync(lock.file, 'utf8')).pid, process.pid)
    lock.release()
  })

  it('is taken by createPgliteDatabase for a data directory and released by close', async () => {
    const database = await createPgliteDatabase({ dataDir: dir('pglite') })
    await assert.rejects(createPgliteDatabase({ dataDir: dir('pglite') }), DataDirLockedError)
    await database.close()
    assert.equal(existsSync(lockFileOf(dir('pglite'))), false)
  })
})

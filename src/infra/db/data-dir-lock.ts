import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * An embedded (PGlite) data directory is single-process: a second process opening it writes
 * beside the first, and data is lost. Whoever opens one takes this lock first: a file beside the
 * directory holding the owner's pid, created atomically (link(2) fails if it exists). A lock
 * left by a process that died (its pid no longer runs) is taken over.
 */
export type DataDirLock = { file: string; release(): void }

export type LockHolder = { pid: number; command: string; started_at: string }

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another process ` +
        `(pid ${holder.pid}: ${holder.command}, since ${holder.started_at}). ` +
        'PGlite serves one process at a time: stop that process first, or, while the server runs, ' +
        'do it through its API (e.g. POST /api/invites with the ADMIN_API_KEY).',
    )
    this.name = 'DataDirLockedError'
  }
}

/** The lock files this process holds. */
const heldHere = new Set<string>()

export const lockFileOf = (dataDir: string) => `${path.resolve(dataDir)}.lock`

/** The process holding the lock on `dataDir`, if one runs. */
export function lockHolder(dataDir: string): LockHolder | undefined {
  const holder = readHolder(lockFileOf(dataDir))
  return holder && isRunning(holder.pid) ? holder : undefined
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = lockFileOf(dataDir)
  const mine: LockHolder = {
    pid: process.pid,
    command: commandLine(),
    started_at: new Date().toISOString(),
  }
  // Written whole to a file of our own, then linked into place: the lock never exists half-written.
  const draft = `${file}.${process.pid}.tmp`
  writeFileSync(draft, `${JSON.stringify(mine)}\n`, { mode: 0o600 })
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, file)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error
      }
      const holder = readHolder(file)
      // Our own pid is a lock this process holds, or one left by an earlier process that had our
      // pid (a container restarted): only the first is held.
      const held = holder?.pid === process.pid ? heldHere.has(file) : holder !== undefined && isRunning(holder.pid)
      if (held) throw new DataDirLockedError(path.resolve(dataDir), holder!)
      // Stale (its process is gone) or unreadable: removed, and the link is tried again.
      rmSync(file, { force: true })
    }
  } finally {
    rmSync(draft, { force: true })
  }
  heldHere.add(file)
  let released = false
  const release = () => {
    if (released) return
    released = true
    heldHere.delete(file)
    process.off('exit', release)
    // Only our own lock: never one another process took over after us.
    if (readHolder(file)?.pid === process.pid) unlinkSync(file)
  }
  // A process that exits without closing its database still frees the directory.
  process.on('exit', release)
  return { file, release }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8'))
    return Number.isInteger(holder?.pid) ? holder : undefined
  } catch {
    return undefined
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** What the holder runs, for the message another process shows: e.g. "npm start" or "operator:invite". */
function commandLine(): string {
  const npmScript = process.env.npm_lifecycle_event
  if (npmScript) return `npm run ${npmScript}`
  return process.argv
    .slice(1)
    .map((arg) => path.relative(process.cwd(), arg) || arg)
    .join(' ')
}

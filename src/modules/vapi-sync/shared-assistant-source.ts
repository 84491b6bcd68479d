import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { Clock } from '../../shared/events.ts'
import type { SharedAssistantSource } from '../vapi/tools.types.ts'
import { createVapiSyncRepository } from './vapi-sync.repository.ts'

/**
 * The synced shared assistant's id, from the state `npm run vapi:sync` stores. assistant-request
 * has a 7.5 s budget and comes with every call, so the id is kept in process for `ttlMs`; a sync
 * from another process is picked up within that time.
 */
export function createSharedAssistantSource({
  database,
  clock,
  ttlMs = 30_000,
}: {
  database: DatabaseHandle
  clock: Clock
  ttlMs?: number
}): SharedAssistantSource & { invalidate(): void } {
  const repository = createVapiSyncRepository({ db: database.db })
  let cached: { id: string | undefined; until: number } | undefined
  return {
    async assistantId() {
      const now = clock.now().getTime()
      if (cached && cached.until > now) return cached.id
      const { state } = await repository.latestAssistant()
      cached = { id: state?.vapiId, until: now + ttlMs }
      return cached.id
    },
    invalidate() {
      cached = undefined
    },
  }
}

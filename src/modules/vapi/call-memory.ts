import type { Cache } from '../../infra/cache/cache.types.ts'

/**
 * Which restaurant a Vapi call belongs to, remembered from its assistant-request so later messages
 * that lack the dialled number still find it. On the Cache, so Redis shares it across instances.
 */
export type CallMemory = {
  remember(input: { vapiCallId: string; restaurantId: string }): Promise<void>
  recall(vapiCallId: string): Promise<string | undefined>
}

/** Calls are minutes long; end-of-call reports arrive after post-processing, well within this. */
export const CALL_MEMORY_TTL_SECONDS = 6 * 3600

export function createCallMemory({
  cache,
  ttlSeconds = CALL_MEMORY_TTL_SECONDS,
}: {
  cache: Cache
  ttlSeconds?: number
}): CallMemory {
  const key = (vapiCallId: string) => `vapi:call:${vapiCallId}`
  return {
    // Unreachable cache: the call is then found by its dialled number or phone-number id only.
    remember: ({ vapiCallId, restaurantId }) => cache.set(key(vapiCallId), restaurantId, ttlSeconds).catch(() => {}),
    recall: (vapiCallId) => cache.get(key(vapiCallId)).catch(() => undefined),
  }
}

import type { Cache } from '../../infra/cache/cache.types.ts'
import type { DataCategory, RestaurantEvents } from '../../shared/events.ts'
import { localTime } from '../../shared/local-time.ts'
import { createLru } from '../../shared/lru.ts'
import { sha256 } from '../../shared/secrets.ts'
import { normalizeText } from '../../shared/text-match.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import { TOOL_NAMES, type ToolName } from './assistant-config.ts'
import type { ToolContext } from './tools.types.ts'

/**
 * Tool answers cached per (restaurant, tool, normalised question). Each (restaurant, tool) has a
 * version in the Cache; bumping it orphans every answer at once, on every instance.
 */

// What each kind of data change can alter. A restaurant change (name, time zone) alters them all.
const TOOLS_BY_CATEGORY: Record<DataCategory, readonly ToolName[]> = {
  restaurant: TOOL_NAMES,
  menu: ['get_menu_info', 'get_modifiers_info'],
  modifiers: ['get_modifiers_info', 'get_menu_info'],
  hours: ['get_hours_info'],
  zones: ['get_zones_info'],
  phones: [],
  // Every tool falls back to the FAQs when its own data has no answer.
  faqs: TOOL_NAMES,
  special_dates: ['get_hours_info'],
  settings: [],
}

// Their answers depend on the clock ("are you open now"): keyed by the restaurant's local minute.
const CLOCK_DEPENDENT: ReadonlySet<string> = new Set<ToolName>(['get_hours_info'])

export function toolsForCategories(categories: DataCategory[]): ToolName[] {
  return [...new Set(categories.flatMap((category) => TOOLS_BY_CATEGORY[category]))]
}

/** How many keys and parsed answers each instance keeps at hand (a few hundred bytes each). */
const MEMO_SIZE = 5_000

export function createAnswerCache({ cache, ttlSeconds }: { cache: Cache; ttlSeconds: number }) {
  const namespace = (restaurantId: string, tool: string) => `answers:${restaurantId}:${tool}`
  type KeyInput = { tool: ToolName; query: string; context: ToolContext; variant?: string }
  // A hit costs what it must: the question's key is normalised and hashed once per version, and
  // the stored answer parsed once per stored text. The shared cache stays the one authority (its
  // version and its value are read on every get), so other instances' invalidations still count.
  const keys = createLru<string, { version: number; key: string }>(MEMO_SIZE)
  const parsed = createLru<string, { value: string; answer: ToolAnswer }>(MEMO_SIZE)

  /** `variant` keeps other things derived from a tool's data (assistant-request's hours) apart from its answers. */
  async function keyFor({ tool, query, context, variant }: KeyInput) {
    const restaurantId = context.restaurant.id
    const version = await cache.getVersion(namespace(restaurantId, tool))
    const minute = CLOCK_DEPENDENT.has(tool) ? localTime(context.now, context.restaurant.timezone).minuteKey : ''
    const memoKey = `${restaurantId}\u0000${tool}\u0000${minute}\u0000${variant ?? ''}\u0000${query}`
    const known = keys.get(memoKey)
    if (known?.version === version) return known.key
    const question = `${normalizeText(query)}|${minute}${variant ? `|${variant}` : ''}`
    const key = `${namespace(restaurantId, tool)}:v${version}:${sha256(question).slice(0, 32)}`
    keys.set(memoKey, { version, key })
    return key
  }

  /** The stored answer, parsed once per stored text; callers only read it. */
  function answerOf(key: string, value: string): ToolAnswer {
    const known = parsed.get(key)
    if (known?.value === value) return known.answer
    const answer = JSON.parse(value) as ToolAnswer
    parsed.set(key, { value, answer })
    return answer
  }

  // The cache only ever saves work: while it is unreachable (Redis down) a read is a miss and a
  // write is dropped, so callers are answered from the database.
  return {
    enabled: ttlSeconds > 0,
    async get(input: KeyInput): Promise<ToolAnswer | undefined> {
      if (ttlSeconds <= 0) return undefined
      try {
        const key = await keyFor(input)
        const value = await cache.get(key)
        return value === undefined ? undefined : answerOf(key, value)
      } catch {
        return undefined
      }
    },
    async set(input: KeyInput & { answer: ToolAnswer }) {
      // An answer that changes at a known time (a sold-out item coming back) lives no longer than that.
      const until = input.answer.validUntil
        ? Date.parse(input.answer.validUntil) - input.context.now.getTime()
        : Infinity
      const ttl = Math.min(ttlSeconds, Math.floor(until / 1000))
      if (ttl <= 0) return
      // keyFor reads the version from the cache too, so it sits inside the try as well.
      try {
        await cache.set(await keyFor(input), JSON.stringify(input.answer), ttl)
      } catch {
        // dropped: the next caller is answered from the database again
      }
    },
    async invalidate({ restaurantId, tools = TOOL_NAMES }: { restaurantId: string; tools?: readonly ToolName[] }) {
      await Promise.all(tools.map((tool) => cache.bumpVersion(namespace(restaurantId, tool))))
    },
  }
}
export type AnswerCache = ReturnType<typeof createAnswerCache>

/**
 * Invalidates on every committed data change. Must be registered AFTER the knowledge indexer's
 * listener (listeners run in order): invalidating before the new index is written would let a
 * question asked in between be answered from the old index and cached again under the new version.
 */
export function registerAnswerCacheInvalidation({
  restaurantEvents,
  answerCache,
}: {
  restaurantEvents: RestaurantEvents
  answerCache: AnswerCache
}) {
  restaurantEvents.onChanged(async ({ restaurantId, categories }) => {
    const tools = toolsForCategories(categories)
    // A bump that fails while Redis is unreachable is replayed by the driver when it is back;
    // the data change itself has committed and must not be reported as failed.
    if (tools.length > 0) await answerCache.invalidate({ restaurantId, tools }).catch(() => {})
  })
}

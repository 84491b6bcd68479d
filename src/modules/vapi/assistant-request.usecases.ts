import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../../config.ts'
import { describeLocalDateTime } from '../../shared/local-time.ts'
import { buildAssistant } from './assistant-config.ts'
import type { Tenant } from './tenant.repository.ts'
import type { SharedAssistantSource } from './tools.types.ts'

/** Spoken by Vapi before it hangs up (endedReason assistant-request-returned-error). */
export const NOT_IN_SERVICE = 'Sorry, this number is not in service. Please check the number and try again.'

/**
 * The answer to `assistant-request` (Vapi's hard deadline: 7.5 s). Only cached lookups happen
 * here: the shared assistant, or the same definition as a transient assistant until it is synced,
 * personalised through assistantOverrides.
 * @see https://docs.vapi.ai/server-url/events
 */
export function createAssistantResponder({
  config,
  sharedAssistant,
  logger,
  describeHoursToday,
}: {
  config: Config
  sharedAssistant: SharedAssistantSource
  logger: FastifyBaseLogger
  /** Whether the restaurant is open now and its hours today, as prompt variables. */
  describeHoursToday?: (input: { restaurant: Tenant; now: Date }) => Promise<Record<string, string>>
}) {
  let transient: Record<string, unknown> | undefined
  const transientAssistant = () => {
    // Built once: it reads config/vapi/*.yaml. Without PUBLIC_BACKEND_URL the tools fall back to
    // the phone number's server URL.
    transient ??= buildAssistant(
      config.publicBackendUrl
        ? { server: { url: `${config.publicBackendUrl}/api/vapi/server`, secret: config.vapiSecretKey } }
        : {},
    )
    return transient
  }

  async function assistantPart() {
    try {
      const assistantId = await sharedAssistant.assistantId()
      if (assistantId) return { assistantId }
    } catch (error) {
      logger.error({ err: error }, 'shared assistant lookup failed; answering with the transient assistant')
    }
    return { assistant: transientAssistant() }
  }

  async function hoursPart(tenant: Tenant, now: Date): Promise<Record<string, string>> {
    if (!describeHoursToday) return {}
    try {
      return await describeHoursToday({ restaurant: tenant, now })
    } catch (error) {
      // The call must still be answered; the assistant then asks get_hours_info instead.
      logger.error({ err: error, restaurantId: tenant.id }, "today's hours unavailable for the assistant")
      return { open_now_text: 'Ask get_hours_info whether we are open.', today_hours: 'unknown' }
    }
  }

  return async function respond({ tenant, now }: { tenant: Tenant | null; now: Date }) {
    if (!tenant) return { error: NOT_IN_SERVICE }
    const local = describeLocalDateTime(now, tenant.timezone)
    // Names go into Liquid templates downstream; braces would be read as template syntax.
    const name = tenant.name.replace(/[{}]/g, '')
    return {
      ...(await assistantPart()),
      assistantOverrides: {
        firstMessage: `Thanks for calling ${name}! How can I help you today?`,
        variableValues: {
          restaurant_id: tenant.id,
          restaurant_name: name,
          timezone: tenant.timezone,
          local_date: local.date,
          local_time: local.time,
          ...(await hoursPart(tenant, now)),
        },
        metadata: { restaurant_id: tenant.id },
      },
    }
  }
}

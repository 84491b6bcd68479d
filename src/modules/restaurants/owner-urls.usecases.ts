import { checkOutboundUrl, type OutboundGuard } from '../../infra/outbound/outbound-request.ts'
import { badRequest } from '../../shared/errors.ts'
import type { Settings } from './restaurant-settings.schemas.ts'

/**
 * Refuses, with a 400 naming the problem, a settings URL the server would fetch on the owner's
 * behalf that points at this machine, a private or link-local network (or, in production, is not
 * https). Every request checks again, on the address it connects to.
 */
export async function assertOwnerUrlsAllowed(settings: Settings | undefined, guard: OutboundGuard) {
  const urls: [string, string | undefined][] = [['settings.order_webhook.url', settings?.order_webhook?.url]]
  for (const [field, url] of urls) {
    if (!url) continue
    const problem = await checkOutboundUrl(url, guard)
    if (problem) throw badRequest(`${field} ${problem}`, [{ field: `body.${field}`, problem }])
  }
}

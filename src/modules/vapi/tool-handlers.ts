import type { DatabaseHandle } from '../../infra/db/database.ts'
import { createFaqLookup, createFaqToolHandlers, withFaqFallback } from '../faqs/faq-tools.ts'
import { createHoursToolHandlers } from '../hours/hours.tool.ts'
import type { Knowledge } from '../knowledge/knowledge.service.ts'
import { createMenuToolHandlers } from '../knowledge/menu-tools.ts'
import { createZonesToolHandlers } from '../zones/zones.tool.ts'
import type { ToolHandler, ToolRegistry } from './tools.types.ts'
import { namesADish, placesAZone, withOtherTools } from './wrong-tool.ts'

export type ToolHandlersDeps = { database: DatabaseHandle; knowledge: Knowledge }

/** The tools the webhook answers, by name; each capability contributes its own handlers. */
export function createToolHandlers(deps: ToolHandlersDeps): ToolRegistry {
  const lookUpFaq = createFaqLookup(deps)
  const own = {
    ...createMenuToolHandlers(deps),
    ...createHoursToolHandlers(deps),
    ...createZonesToolHandlers(deps),
  }
  const fallback = (handler: ToolHandler) => withFaqFallback(handler, lookUpFaq)
  return {
    get_menu_info: fallback(withOtherTools(own.get_menu_info, [{ handler: own.get_zones_info, answers: placesAZone }])),
    get_modifiers_info: fallback(own.get_modifiers_info),
    get_hours_info: fallback(withOtherTools(own.get_hours_info, [{ handler: own.get_menu_info, answers: namesADish }])),
    get_zones_info: fallback(own.get_zones_info),
    ...createFaqToolHandlers(deps),
  }
}

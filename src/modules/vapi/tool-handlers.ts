import type { AppDeps } from '../../app/services.ts'
import { createHoursToolHandlers } from '../hours/hours.tool.ts'
import { createMenuToolHandlers } from '../knowledge/menu-tools.ts'
import { createZonesToolHandlers } from '../zones/zones.tool.ts'
import type { ToolRegistry } from './tools.types.ts'

/** The tools the webhook answers, by name; each capability contributes its own handlers. */
export function createToolHandlers(deps: AppDeps): ToolRegistry {
  return {
    ...createMenuToolHandlers(deps),
    ...createHoursToolHandlers(deps),
    ...createZonesToolHandlers(deps),
  }
}

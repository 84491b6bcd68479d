import type { AppDeps } from '../../app/services.ts'
import { createHoursToolHandlers } from '../hours/hours.tool.ts'
import { createZonesToolHandlers } from '../zones/zones.tool.ts'
import type { ToolHandlers } from './tools.types.ts'

/** The tools the webhook answers, by name; each capability contributes its own handlers. */
export function createToolHandlers(deps: AppDeps): ToolHandlers {
  return {
    ...createHoursToolHandlers(deps),
    ...createZonesToolHandlers(deps),
  }
}

import { fold } from '../../infra/embeddings/text-analysis.ts'
import type { ToolName } from './assistant-config.ts'

// On a call the model picks the tool; `ask` without --tool picks it from the question's words
// the way the tool descriptions in config/vapi/tools.yaml steer the model.
const HOURS = /\b(open|opens|opening|close|closes|closing|closed|hours?|today|tonight|tomorrow|weekend|holiday)\b/
const ZONES = /\b(deliver|delivers|delivery|zones?|postcode|postal|zip|area|neighbou?rhood|address)\b|\b\d{5}\b/
const MODIFIERS = /\b(add|extra|extras|toppings?|sides?|substitute|swap|options?|modifiers?|instead|upgrade|sauces?)\b/

export function chooseTool(question: string): ToolName {
  const text = fold(question)
  if (ZONES.test(text)) return 'get_zones_info'
  if (HOURS.test(text)) return 'get_hours_info'
  if (MODIFIERS.test(text)) return 'get_modifiers_info'
  return 'get_menu_info'
}

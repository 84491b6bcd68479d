import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../../shared/project-root.ts'

export const VAPI_CONFIG_DIR = path.join(PROJECT_ROOT, 'config/vapi')
export const TOOL_NAMES = [
  'get_menu_info',
  'get_modifiers_info',
  'get_hours_info',
  'get_zones_info',
  'get_restaurant_info',
] as const
export type ToolName = (typeof TOOL_NAMES)[number]
/** Tools that act on structured arguments (never cached, no query): orders and bookings. */
export const ACTION_TOOL_NAMES = [
  'quote_order',
  'place_order',
  'book_table',
  'take_message',
  'request_event',
  // After the order: no arguments, the caller's orders are found by the number they call from.
  'order_status',
  'cancel_order',
] as const
export type ActionToolName = (typeof ACTION_TOOL_NAMES)[number]
/** Vapi's own transferCall tool: no webhook call of its own, Vapi asks transfer-destination-request. */
export const TRANSFER_TOOL_NAME = 'transfer_call'
/**
 * The function name the model sees for that tool. Vapi's transferCall tool carries no function
 * (CreateTransferCallToolDto: messages, destinations, rejectionPlan), so Vapi names it itself.
 */
export const TRANSFER_FUNCTION_NAME = 'transferCall'
/** Every tool of config/vapi/tools.yaml, in its order. */
export const ALL_TOOL_NAMES = [...TOOL_NAMES, ...ACTION_TOOL_NAMES, TRANSFER_TOOL_NAME] as const
export const isActionTool = (name: string): name is ActionToolName =>
  (ACTION_TOOL_NAMES as readonly string[]).includes(name)

export type ToolYaml = {
  name: ToolName | ActionToolName | typeof TRANSFER_TOOL_NAME
  type?: 'function' | 'transferCall'
  /** What the model reads about the tool; Vapi's transferCall tool has none (the prompt says when). */
  description?: string
  /** Question tools: the one query argument's description. */
  query?: string
  /** Action tools: their JSON-schema parameters (the contract's argument names). */
  parameters?: Record<string, unknown>
  requestStart?: string
}
const KNOWN_TOOLS: readonly string[] = [...TOOL_NAMES, ...ACTION_TOOL_NAMES, TRANSFER_TOOL_NAME]

export type ServerTarget = { url: string; secret: string; timeoutSeconds?: number }

/** The webhook target Vapi calls: our URL, authenticated by the webhook secret (never the Vapi API key). */
export function serverFor({ url, secret, timeoutSeconds = 10 }: ServerTarget) {
  return { url, timeoutSeconds, headers: { 'X-Vapi-Secret': secret } }
}

export function loadAssistantYaml(dir = VAPI_CONFIG_DIR): Record<string, any> {
  return parse(readFileSync(path.join(dir, 'assistant.yaml'), 'utf8'))
}

export function loadToolsYaml(dir = VAPI_CONFIG_DIR): ToolYaml[] {
  const tools = parse(readFileSync(path.join(dir, 'tools.yaml'), 'utf8')) as ToolYaml[]
  for (const tool of tools) {
    if (!KNOWN_TOOLS.includes(tool.name)) throw new Error(`config/vapi/tools.yaml: unknown tool "${tool.name}"`)
  }
  return tools
}

/** A tool as Vapi's CreateFunctionToolDto (or, for transfer_call, CreateTransferCallToolDto) expects it. */
export function toVapiTool(tool: ToolYaml, server?: ServerTarget) {
  const messages = tool.requestStart ? { messages: [{ type: 'request-start', content: tool.requestStart }] } : {}
  if (tool.type === 'transferCall') {
    // No destinations: Vapi asks the assistant's (or the number's) server where to transfer, by a
    // transfer-destination-request. The DTO has neither `function` nor `server`.
    return { type: 'transferCall' as const, destinations: [], ...messages }
  }
  return {
    type: 'function' as const,
    async: false,
    function: {
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters ?? {
        type: 'object',
        properties: { query: { type: 'string', description: tool.query } },
        required: ['query'],
      },
    },
    ...messages,
    ...(server ? { server: serverFor(server) } : {}),
  }
}

/**
 * The shared assistant as a CreateAssistantDTO. With `toolIds` (after `npm run vapi:sync`) the
 * saved tools are referenced; without, the tools are inlined (a transient assistant).
 */
export function buildAssistant({
  dir,
  server,
  toolIds,
}: {
  dir?: string
  server?: ServerTarget
  toolIds?: string[]
} = {}) {
  const assistant = loadAssistantYaml(dir)
  const tools = loadToolsYaml(dir)
  const model = {
    ...assistant.model,
    ...(toolIds ? { toolIds } : { tools: tools.map((tool) => toVapiTool(tool, server)) }),
  }
  return { ...assistant, model, ...(server ? { server: serverFor(server) } : {}) }
}

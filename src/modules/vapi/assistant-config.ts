import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const VAPI_CONFIG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/vapi')
export const TOOL_NAMES = [
  'get_menu_info',
  'get_modifiers_info',
  'get_hours_info',
  'get_zones_info',
  'get_restaurant_info',
] as const
export type ToolName = (typeof TOOL_NAMES)[number]
/** Tools that act rather than answer a question: their arguments are their own (tools.yaml `parameters`). */
export const ACTION_TOOL_NAMES = ['book_table'] as const
export type ActionToolName = (typeof ACTION_TOOL_NAMES)[number]
export const ALL_TOOL_NAMES = [...TOOL_NAMES, ...ACTION_TOOL_NAMES] as const
export const isActionTool = (name: string): name is ActionToolName =>
  (ACTION_TOOL_NAMES as readonly string[]).includes(name)

type ToolYaml = {
  name: ToolName | ActionToolName
  description: string
  /** A question tool's one argument, described. */
  query?: string
  /** An action tool's arguments as a JSON schema object. */
  parameters?: { type: 'object'; properties: Record<string, any>; required?: string[] }
  requestStart?: string
}

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
    if (!(ALL_TOOL_NAMES as readonly string[]).includes(tool.name))
      throw new Error(`config/vapi/tools.yaml: unknown tool "${tool.name}"`)
  }
  return tools
}

/** A function tool as Vapi's CreateFunctionToolDTO expects it. */
export function toVapiTool(tool: ToolYaml, server?: ServerTarget) {
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
    ...(tool.requestStart ? { messages: [{ type: 'request-start', content: tool.requestStart }] } : {}),
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

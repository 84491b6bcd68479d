import type { Vapi } from '@vapi-ai/server-sdk'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { VapiClient } from '../../infra/vapi/vapi-client.ts'
import {
  buildAssistant,
  loadToolsYaml,
  type ServerTarget,
  type ToolYaml,
  TRANSFER_FUNCTION_NAME,
  toVapiTool,
} from '../vapi/assistant-config.ts'
import { configHash, isSubset } from './vapi-sync.models.ts'
import { createVapiSyncRepository, type SyncKind, type SyncStateRow } from './vapi-sync.repository.ts'

export type SyncAction = 'created' | 'updated' | 'unchanged'
export type SyncedResource = { kind: SyncKind; name: string; id: string; action: SyncAction }

type Remote = { id: string; updatedAt?: string } & Record<string, unknown>
type Resource<T> = {
  kind: SyncKind
  name: string
  desired: T
  /** Vapi's objects that carry this name; the one we synced last is preferred. */
  candidates: Remote[]
  create(desired: T): Promise<Remote>
  update(id: string, desired: T): Promise<Remote>
}

/**
 * Creates or updates the tools (by type and function name) and the shared assistant (by name, its
 * model.toolIds pointing at those tools) in Vapi from config/vapi/*.yaml. Idempotent: what is
 * already as configured is not written, so a second run makes no write calls.
 */
export async function syncSharedAssistant({
  database,
  vapi,
  server,
  configDir,
}: {
  database: DatabaseHandle
  vapi: VapiClient
  /** Our webhook URL and secret; both the tools and the assistant point at it. */
  server: ServerTarget
  configDir?: string
}): Promise<{ resources: SyncedResource[]; assistantId: string }> {
  const repository = createVapiSyncRepository({ db: database.db })
  const resources: SyncedResource[] = []

  const remoteTools = (await vapi.tools.list({ limit: 1000 })) as unknown as Remote[]
  const toolIds: string[] = []
  for (const tool of loadToolsYaml(configDir)) {
    const desired = toVapiTool(tool, server)
    const synced = await syncOne(repository, {
      kind: 'tool',
      name: tool.name,
      desired,
      candidates: remoteTools.filter((remote) => isSameTool(tool, remote)),
      create: async (body) => (await vapi.tools.create(body as Vapi.CreateToolsRequest)) as unknown as Remote,
      update: async (id, body) =>
        (await vapi.tools.update({ id, body: body as Vapi.UpdateToolsRequestBody })) as unknown as Remote,
    })
    toolIds.push(synced.id)
    resources.push(synced)
  }

  const desired = buildAssistant({ dir: configDir, server, toolIds })
  const name = String((desired as { name?: unknown }).name ?? '')
  if (!name) throw new Error('config/vapi/assistant.yaml needs a name: the shared assistant is found in Vapi by it')
  const remoteAssistants = (await vapi.assistants.list({ limit: 1000 })) as unknown as Remote[]
  const assistant = await syncOne(repository, {
    kind: 'assistant',
    name,
    desired,
    candidates: remoteAssistants.filter((r) => r.name === name),
    create: async (body) => (await vapi.assistants.create(body as Vapi.CreateAssistantDto)) as unknown as Remote,
    update: async (id, body) =>
      (await vapi.assistants.update({ id, ...(body as Omit<Vapi.UpdateAssistantDto, 'id'>) })) as unknown as Remote,
  })
  resources.push(assistant)
  return { resources, assistantId: assistant.id }
}

/**
 * A function tool is found by its function's name. A transferCall tool has no function of its
 * own: Vapi may store none, or the one it fills in (named transferCall, as the model sees it).
 */
function isSameTool(tool: ToolYaml, remote: Remote) {
  const name = (remote.function as { name?: string } | undefined)?.name
  if (tool.type === 'transferCall') return remote.type === 'transferCall' && (!name || name === TRANSFER_FUNCTION_NAME)
  return remote.type === 'function' && name === tool.name
}

function pick(candidates: Remote[], state: SyncStateRow | undefined): Remote | undefined {
  // Several objects may share a name (made by hand); keep using ours, else the oldest.
  return (
    candidates.find((r) => r.id === state?.vapiId) ??
    [...candidates].sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')))[0]
  )
}

async function syncOne<T>(
  repository: ReturnType<typeof createVapiSyncRepository>,
  resource: Resource<T>,
): Promise<SyncedResource> {
  const { kind, name, desired } = resource
  const hash = configHash(desired)
  const { state } = await repository.getState({ kind, name })
  const remote = pick(resource.candidates, state)
  const save = (written: Remote) =>
    repository.saveState({
      kind,
      name,
      vapiId: written.id,
      configHash: hash,
      remoteUpdatedAt: written.updatedAt ?? null,
    })

  if (!remote) {
    const created = await resource.create(desired)
    await save(created)
    return { kind, name, id: created.id, action: 'created' }
  }
  // Unchanged if nobody touched it since we wrote this very config (Vapi may store it
  // normalised), or if it already holds every field we set.
  const untouched =
    state?.vapiId === remote.id && state.configHash === hash && state.remoteUpdatedAt === (remote.updatedAt ?? null)
  if (untouched || isSubset(desired, remote)) {
    if (!untouched) await save(remote)
    return { kind, name, id: remote.id, action: 'unchanged' }
  }
  const updated = await resource.update(remote.id, desired)
  await save({ ...updated, id: updated.id ?? remote.id })
  return { kind, name, id: remote.id, action: 'updated' }
}

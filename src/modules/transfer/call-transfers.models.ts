import type { CallTransfer } from '../../infra/db/schema.ts'
import { lookUp } from '../../shared/look-up.ts'

// How a call's transfers went, read from Vapi's messages. A transfer starts with our answer to a
// transfer-destination-request (requested, or unavailable when closed or there is no number); Vapi's
// transfer-update messages and the end-of-call report then say how it ended.
// @see https://docs.vapi.ai/server-url/events (transfer-update, end-of-call-report)

export type TransferStatus = CallTransfer['status']
export type TransferChange = { status: TransferStatus; reason?: string }

// Vapi's TransferArtifact statuses (artifact.transfers[].status) and our words for them.
const ARTIFACT_STATUS: Record<string, TransferStatus> = {
  connected: 'connected',
  completed: 'connected',
  'no-answer': 'no_answer',
  voicemail: 'no_answer',
  busy: 'busy',
  failed: 'failed',
  cancelled: 'failed',
}

// End-of-call reasons that say how the last transfer went (Vapi's endedReason enum).
const ENDED_REASON_STATUS: Record<string, TransferChange> = {
  'assistant-forwarded-call': { status: 'connected' },
  'customer-transferred': { status: 'connected' },
  'call.forwarding.no-answer': { status: 'no_answer' },
  'call.forwarding.operator-busy': { status: 'busy' },
  'call.in-progress.error-transfer-failed': { status: 'failed', reason: 'transfer failed' },
  'customer-ended-call-during-transfer': { status: 'failed', reason: 'caller hung up during the transfer' },
  'customer-ended-call-before-warm-transfer': { status: 'failed', reason: 'caller hung up before the transfer' },
}

const readObject = (value: unknown): Record<string, any> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, any>) : undefined

function statusOf(value: unknown): TransferStatus | undefined {
  if (typeof value !== 'string') return undefined
  const key = value.trim().toLowerCase().replace(/_/g, '-')
  if (key.startsWith('call.in-progress.error-warm-transfer')) return 'failed'
  return lookUp(ARTIFACT_STATUS, key)
}

/** The artifact's transfers (Vapi's TransferArtifact[]), in order, as our statuses. */
export function artifactTransfers(message: Record<string, any>): TransferChange[] {
  const artifact = readObject(message.artifact) ?? readObject(readObject(message.call)?.artifact)
  const list = Array.isArray(artifact?.transfers) ? (artifact.transfers as unknown[]) : []
  return list.map((item) => {
    const raw = readObject(item)?.status
    const status = statusOf(raw) ?? 'requested'
    // Vapi's word is kept only where ours says less (voicemail counts as no answer).
    const said = typeof raw === 'string' && raw.replace(/-/g, '_') !== status
    return { status, ...(said ? { reason: raw.slice(0, 60) } : {}) }
  })
}

/**
 * A transfer-update: the status it names (its live artifact's last transfer, or a `status` field
 * some payloads carry), else "connected": Vapi sends it when the call is handed over.
 */
export function readTransferUpdate(message: Record<string, any>): TransferChange {
  const fromArtifact = artifactTransfers(message).at(-1)
  if (fromArtifact && fromArtifact.status !== 'requested') return fromArtifact
  const named = statusOf(message.status) ?? statusOf(message.transferStatus)
  return named ? { status: named } : { status: 'connected' }
}

/** What the end-of-call report's endedReason says about the call's last transfer, if anything. */
export function endedReasonChange(endedReason: unknown): TransferChange | undefined {
  if (typeof endedReason !== 'string') return undefined
  return (
    lookUp(ENDED_REASON_STATUS, endedReason) ?? (statusOf(endedReason) === 'failed' ? { status: 'failed' } : undefined)
  )
}

const TERMINAL: readonly TransferStatus[] = ['connected', 'no_answer', 'busy', 'failed', 'unavailable']

/** A transfer-update applies to the call's latest transfer; with none recorded, it is one. */
export function applyToLatest(transfers: CallTransfer[], change: TransferChange, at: string): CallTransfer[] {
  const last = transfers.at(-1)
  if (!last || last.status === 'unavailable') return [...transfers, { requested_at: at, ...change, updated_at: at }]
  return [...transfers.slice(0, -1), { ...last, ...change, updated_at: at }]
}

/**
 * The report completes the list: the artifact's transfers by position, then the endedReason for
 * the last transfer still without an outcome. Unavailable ones (never dialled) are not Vapi's.
 */
export function applyReport(transfers: CallTransfer[], message: Record<string, any>, at: string): CallTransfer[] {
  const dialled = transfers.filter((t) => t.status !== 'unavailable')
  const fromArtifact = artifactTransfers(message)
  const next = transfers.map((t) => ({ ...t }))
  fromArtifact.forEach((change, i) => {
    const target = dialled[i] ? next[transfers.indexOf(dialled[i])] : undefined
    if (target && change.status !== 'requested') Object.assign(target, change, { updated_at: at })
    else if (!target) next.push({ requested_at: at, ...change, updated_at: at })
  })
  const fromReason = endedReasonChange(message.endedReason ?? readObject(message.call)?.endedReason)
  const open = [...next].reverse().find((t) => !TERMINAL.includes(t.status))
  if (fromReason && open) Object.assign(open, fromReason, { updated_at: at })
  else if (fromReason && next.length === 0) next.push({ requested_at: at, ...fromReason, updated_at: at })
  return next
}

// Vapi's transfer messages as the tests send them; vapi-payloads.e2e.test.ts compiles them against
// the SDK's ServerMessageTransferUpdate and ServerMessageEndOfCallReport.

export const TRANSFER_NUMBER = '+13125550199'
const destination = { type: 'number' as const, number: TRANSFER_NUMBER }
// The dialled number as Vapi describes it (CreateTwilioPhoneNumberDto needs the account).
const phoneNumber = (number: string) => ({
  provider: 'twilio' as const,
  number,
  twilioAccountSid: `AC${'0'.repeat(32)}`,
})
const call = (callId: string, caller: string) => ({
  id: callId,
  orgId: 'org-test',
  createdAt: '2026-12-04T23:00:00.000Z',
  updatedAt: '2026-12-04T23:00:00.000Z',
  type: 'inboundPhoneCall' as const,
  customer: { number: caller },
})

/** The transfer-destination-request Vapi sends when the model calls transferCall. */
export function transferRequestMessage({
  callId,
  number,
  caller,
  at,
}: {
  callId: string
  number: string
  caller: string
  at: string
}) {
  return {
    message: {
      type: 'transfer-destination-request',
      timestamp: Date.parse(at),
      call: call(callId, caller),
      phoneNumber: phoneNumber(number),
      customer: { number: caller },
    },
  }
}

/** A transfer-update whose live artifact says how the transfer went (TransferArtifact.status). */
export function transferUpdateMessage({
  callId,
  number,
  caller,
  at,
  status,
}: {
  callId: string
  number: string
  caller: string
  at: string
  status: 'connected' | 'no-answer' | 'busy' | 'failed'
}) {
  return {
    type: 'transfer-update' as const,
    timestamp: Date.parse(at),
    destination,
    call: call(callId, caller),
    phoneNumber: phoneNumber(number),
    customer: { number: caller },
    artifact: { transfers: [{ destination, mode: 'warm-transfer-experimental' as const, status }] },
  }
}

/** The end-of-call report, with the transfers of the call's artifact and Vapi's endedReason. */
export function transferReportMessage({
  callId,
  number,
  caller,
  at,
  endedReason,
  statuses = [],
}: {
  callId: string
  number: string
  caller: string
  at: string
  endedReason: string
  statuses?: ('connected' | 'no-answer' | 'busy' | 'failed')[]
}) {
  return {
    type: 'end-of-call-report' as const,
    timestamp: Date.parse(at),
    endedReason,
    call: call(callId, caller),
    phoneNumber: phoneNumber(number),
    customer: { number: caller },
    analysis: {},
    artifact: {
      messages: [],
      transfers: statuses.map((status) => ({ destination, mode: 'warm-transfer-experimental' as const, status })),
    },
  }
}

import type { Vapi } from '@vapi-ai/server-sdk'
import type { VapiClient } from '../../infra/vapi/vapi-client.ts'
import type { PhoneProviders } from './phones.types.ts'

/** The fields we read from Vapi's phone-number objects (a union over providers in the SDK). */
export type VapiNumber = {
  id: string
  number?: string
  provider?: string
  assistantId?: string
  squadId?: string
  workflowId?: string
  server?: { url?: string }
}

// GET /phone-number caps `limit` at 1000; an organisation with more numbers than that is not
// one shared assistant's inventory.
export async function listVapiNumbers(vapi: VapiClient): Promise<VapiNumber[]> {
  return (await vapi.phoneNumbers.list({ limit: 1000 })) as unknown as VapiNumber[]
}

export async function findVapiNumber(vapi: VapiClient, phoneNumber: string): Promise<VapiNumber | undefined> {
  return (await listVapiNumbers(vapi)).find((n) => n.number === phoneNumber)
}

/**
 * Points a Vapi number at our server with no assistant attached, so its calls arrive as
 * assistant-request and are answered for whichever restaurant the number is mapped to (or
 * with the spoken "not in service" error when it is mapped to none). `name` is only a label.
 */
export async function pointVapiNumberAtUs(
  vapi: VapiClient,
  {
    id,
    name,
    server,
    twilioNumber,
  }: {
    id: string
    name: string
    server: PhoneProviders['server']
    twilioNumber: boolean
  },
) {
  // Vapi's PATCH body is a union keyed by provider, and `provider` is required. A number found in
  // Vapi may be of another provider than Twilio: its own provider is read rather than guessed.
  const provider = twilioNumber
    ? 'twilio'
    : (((await vapi.phoneNumbers.get({ id })) as unknown as VapiNumber).provider ?? 'twilio')
  const body = { provider, name, server } as Vapi.UpdatePhoneNumbersRequestBody
  await vapi.phoneNumbers.update({ id, body })
}

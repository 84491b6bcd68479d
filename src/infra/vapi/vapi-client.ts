import { createRequire } from 'node:module'
import type * as VapiSdk from '@vapi-ai/server-sdk'
import type { VapiClient } from '@vapi-ai/server-sdk'

export type { VapiClient }

// The SDK is hundreds of modules (about a second of every start): it is loaded when a client is
// first made, i.e. once Vapi is configured, and an error can only be the SDK's once it is loaded.
const require = createRequire(import.meta.url)
let sdk: typeof VapiSdk | undefined
const loadSdk = (): typeof VapiSdk => {
  sdk ??= require('@vapi-ai/server-sdk') as typeof VapiSdk
  return sdk
}

/** The official SDK pointed at VAPI_BASE_URL; retries and timeout come from config (0 retries in tests). */
export function createVapiClient({
  apiKey,
  baseUrl,
  timeoutSeconds,
  maxRetries,
}: {
  apiKey: string
  baseUrl: string
  timeoutSeconds: number
  maxRetries: number
}): VapiClient {
  return new (loadSdk().VapiClient)({ token: apiKey, baseUrl, timeoutInSeconds: timeoutSeconds, maxRetries })
}

export type VapiFailure = { kind: 'timeout' | 'status' | 'network'; status?: number; message: string }

function bodyMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 200)
  const message = (body as { message?: unknown } | undefined)?.message
  if (Array.isArray(message)) return message.join('; ').slice(0, 200)
  return typeof message === 'string' ? message.slice(0, 200) : undefined
}

/** What went wrong talking to Vapi, in words an operator can act on; never includes credentials. */
export function describeVapiError(error: unknown): VapiFailure {
  if (!sdk) return { kind: 'network', message: 'Vapi could not be reached' }
  const { VapiError, VapiTimeoutError } = sdk
  // SDK 2.0.1 reports its own request timeout as a plain VapiError whose message is "timeout"
  // (the abort reason is a string, not an AbortError), so both forms are recognised.
  const timedOut =
    error instanceof VapiTimeoutError ||
    (error instanceof VapiError && error.statusCode === undefined && /timeout|timed out/i.test(error.message))
  if (timedOut) return { kind: 'timeout', message: 'Vapi did not answer in time' }
  if (error instanceof VapiError && error.statusCode !== undefined) {
    const detail = bodyMessage(error.body)
    return {
      kind: 'status',
      status: error.statusCode,
      message: `Vapi answered HTTP ${error.statusCode}${detail ? `: ${detail}` : ''}`,
    }
  }
  return { kind: 'network', message: 'Vapi could not be reached' }
}

export const isVapiNotFound = (error: unknown) =>
  sdk !== undefined && error instanceof sdk.VapiError && error.statusCode === 404

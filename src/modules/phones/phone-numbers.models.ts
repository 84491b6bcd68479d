import { describeTwilioError } from '../../infra/twilio/twilio-client.ts'
import { describeVapiError } from '../../infra/vapi/vapi-client.ts'
import type { PhoneAssignment } from './phones.types.ts'

/** Why no number was assigned, with a stable code clients can branch on. */
export type AssignmentFailure = { code: string; reason: string }

export const failed = ({ code, reason }: AssignmentFailure): PhoneAssignment => ({ status: 'failed', code, reason })

// Twilio answers these when a trial account tries to own a second number (the docs have used both).
const TRIAL_LIMIT_CODES = new Set([21404, 10002])

export function twilioFailure(error: unknown, doing: string): AssignmentFailure {
  const { code, message } = describeTwilioError(error)
  if (code !== undefined && TRIAL_LIMIT_CODES.has(code)) {
    return {
      code: 'twilio_trial_limit',
      reason:
        `Twilio refused to ${doing}: a trial account may own only one number, which is already in use ` +
        `(Twilio error ${code}); upgrade the Twilio account to provision more`,
    }
  }
  if (code === 21452)
    return {
      code: 'no_numbers_available',
      reason: `Twilio has no numbers for sale in that area code (Twilio error 21452: ${message})`,
    }
  return {
    code: 'twilio_error',
    reason: `Twilio refused to ${doing}${code !== undefined ? ` (Twilio error ${code})` : ''}: ${message}`,
  }
}

export function vapiFailure(error: unknown, doing: string): AssignmentFailure {
  const failure = describeVapiError(error)
  const code = failure.kind === 'timeout' ? 'vapi_timeout' : 'vapi_error'
  return {
    code,
    reason: `Could not ${doing} in Vapi: ${failure.message}; the number stays in the pool and is reused on retry`,
  }
}

/** The name Vapi shows for a number (its limit is 40 characters). */
export const vapiNumberName = (restaurantName: string | null) =>
  (restaurantName ? restaurantName : 'Unassigned (restaurant pool)').slice(0, 40)

/** Twilio voice URLs that mean "no application of ours or anyone else's answers this number". */
export function isUnusedVoiceUrl(voiceUrl: string | null): boolean {
  if (!voiceUrl) return true
  try {
    const host = new URL(voiceUrl).hostname
    return host === 'demo.twilio.com' || host === 'api.vapi.ai'
  } catch {
    return false
  }
}

/** Fisher–Yates; concurrent purchases pick different candidates from the same search page. */
export function shuffled<T>(items: T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

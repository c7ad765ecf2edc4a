import { ApiError } from "./api";

/** The problem codes a device owner can meet, each as a sentence saying what happened and what to do. */
const SENTENCES: Record<string, string> = {
  network: "The Keycloak server could not be reached. Check your network connection and try again.",
  authentication_required: "Your sign-in has ended. Reload the page to sign in again.",
  insufficient_user_authentication:
    "Revealing a key needs a fresh sign-in with your second factor, and it did not happen. Try again and enter your one-time code when asked.",
  forbidden: "You may not reveal this key. Owners can reveal only the current keys of their own devices.",
  device_not_found: "This device is no longer known. Reload the page to see your devices.",
  key_not_found: "This device no longer has this key. Reload the page to see its current keys.",
  rate_limited: "You have revealed as many keys as allowed for now. Wait an hour, or ask the helpdesk.",
  key_source_unavailable: "The key store cannot be reached right now. Try again in a few minutes.",
  audit_unavailable: "The key was not revealed because the audit log could not be written. Try again in a few minutes.",
  not_enabled: "Device recovery keys are not available in this realm.",
};

export function sentenceFor(error: unknown): string {
  if (error instanceof ApiError) {
    return SENTENCES[error.code] ?? `The request was refused (${error.code}). Try again, or ask the helpdesk.`;
  }
  return "Something went wrong. Reload the page and try again.";
}

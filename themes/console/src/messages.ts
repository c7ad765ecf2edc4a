import { ApiError } from "./api";

/** Each problem code of SPEC §7 as a sentence for a helpdesk agent, and what to do next. */
export interface Explanation {
  title: string;
  next: string;
}

const EXPLANATIONS: Record<string, Explanation> = {
  network: {
    title: "The Keycloak server could not be reached.",
    next: "Check your network connection and try again.",
  },
  authentication_required: {
    title: "Your sign-in has ended.",
    next: "Reload the page to sign in again.",
  },
  insufficient_user_authentication: {
    title: "This needs a fresh sign-in with your second factor.",
    next: "Sign in again with your one-time code, then try once more.",
  },
  forbidden: {
    title: "You are not allowed to do this.",
    next: "Ask your Keycloak administrator for the right BitLocker role. Device owners can reveal only their current keys.",
  },
  invalid_request: {
    title: "Something in the form is not valid.",
    next: "Check the fields and try again.",
  },
  invalid_ticket: {
    title: "That is not a ticket number.",
    next: "Enter a Jira key such as ITSM-123 or a ServiceNow incident number such as INC0012345.",
  },
  device_not_found: {
    title: "This device is not known.",
    next: "Search again by device name or by the first 8 characters of the key ID on the recovery screen.",
  },
  key_not_found: {
    title: "This device has no such key.",
    next: "Pick a key from the device's list of keys.",
  },
  ticket_required: {
    title: "A ticket is required to reveal this key.",
    next: "Enter the incident ticket you are working on.",
  },
  ticket_not_found: {
    title: "The ticketing system does not know this ticket.",
    next: "Check the ticket number for typing mistakes.",
  },
  ticket_wrong_type: {
    title: "This ticket is not an incident.",
    next: "Keys are released only for incidents: use the user's incident ticket, or raise one.",
  },
  ticket_not_open: {
    title: "This ticket is closed.",
    next: "Reopen the incident, or work from an open one.",
  },
  ticket_device_mismatch: {
    title: "The ticket does not name this device.",
    next: "Add the device name or device ID to the ticket, then try again.",
  },
  ticket_reuse_limit: {
    title: "This ticket has already released keys for as many devices as allowed.",
    next: "Raise a separate incident for this device.",
  },
  rate_limited: {
    title: "You have released as many keys as allowed in an hour.",
    next: "Wait a while, or ask a colleague to take over.",
  },
  ticketing_unavailable: {
    title: "The ticketing system cannot be reached, so the ticket cannot be checked.",
    next: "Try again in a few minutes. If it lasts, tell the Keycloak administrators.",
  },
  key_source_unavailable: {
    title: "The key store cannot be reached right now.",
    next: "Try again in a few minutes. If it lasts, tell the Keycloak administrators.",
  },
  audit_unavailable: {
    title: "The key was not released: the audit log could not be written.",
    next: "Try again in a few minutes. If it lasts, tell the Keycloak administrators.",
  },
  not_enabled: {
    title: "BitLocker Key Gate is not enabled in this realm.",
    next: "Ask your Keycloak administrator to enable it.",
  },
  escrow_not_local: {
    title: "Keys of this realm are kept in Entra ID, not escrowed here.",
    next: "Nothing to do in the console.",
  },
  device_binding_mismatch: {
    title: "The device checked in with another key than the one it is bound to.",
    next: "If the device was re-imaged, an administrator resets its binding.",
  },
  approval_required: {
    title: "A second person must approve this release.",
    next: "Request approval; an approver will be notified.",
  },
  approval_pending: {
    title: "Your request is still waiting for an approver.",
    next: "You will get an e-mail when it is decided.",
  },
  request_not_found: {
    title: "This release request does not exist.",
    next: "Open it again from the list of requests.",
  },
  request_closed: {
    title: "This release request is already decided, used or expired.",
    next: "Make a new request if the key is still needed.",
  },
  self_approval: {
    title: "You cannot approve your own request.",
    next: "Another approver has to decide it.",
  },
};

export function explain(error: unknown): Explanation {
  if (error instanceof ApiError) {
    const known = EXPLANATIONS[error.code];
    if (known) {
      return known;
    }
    return { title: `The request failed (${error.status}).`, next: error.detail || "Try again later." };
  }
  return { title: "Something went wrong.", next: "Reload the page and try again." };
}

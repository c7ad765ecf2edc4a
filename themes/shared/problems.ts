import { ApiError } from "./http";

/**
 * Each problem code of SPEC §7 as the message keys of a sentence saying what happened and one saying
 * what to do next (`bitlockerProblem<Code>` and `…Next` in the bundles). Pure: the pages translate.
 */
export const PROBLEM_CODES = [
  "network",
  "authentication_required",
  "insufficient_user_authentication",
  "forbidden",
  "invalid_request",
  "invalid_ticket",
  "device_not_found",
  "key_not_found",
  "ticket_required",
  "ticket_not_found",
  "ticket_wrong_type",
  "ticket_not_open",
  "ticket_device_mismatch",
  "ticket_reuse_limit",
  "rate_limited",
  "ticketing_unavailable",
  "key_source_unavailable",
  "audit_unavailable",
  "not_enabled",
  "escrow_not_local",
  "device_binding_mismatch",
  "approval_required",
  "approval_pending",
  "request_not_found",
  "request_closed",
  "self_approval",
  "key_package_not_found",
  "campaign_not_found",
  "campaign_closed",
  "device_not_in_campaign",
] as const;

export interface ProblemMessage {
  title: string;
  next: string;
  values?: Record<string, string | number>;
}

/** `ticket_not_open` → `TicketNotOpen`. */
function camel(code: string): string {
  return code.replace(/(^|_)([a-z])/g, (_match, _sep: string, letter: string) => letter.toUpperCase());
}

export function problemMessage(error: unknown): ProblemMessage {
  if (error instanceof ApiError) {
    if ((PROBLEM_CODES as readonly string[]).includes(error.code)) {
      const key = `bitlockerProblem${camel(error.code)}`;
      return { title: key, next: `${key}Next` };
    }
    return { title: "bitlockerProblemOther", next: "bitlockerProblemOtherNext", values: { status: error.status, code: error.code } };
  }
  return { title: "bitlockerProblemUnexpected", next: "bitlockerProblemUnexpectedNext" };
}

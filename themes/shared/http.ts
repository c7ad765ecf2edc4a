/**
 * The extension's API as both pages call it (the helpdesk console and the account theme's page):
 * one request with a bearer token, and a refusal read as its RFC 9457 problem document with any
 * RFC 9470 step-up challenge. Framework-free, so that both builds can include it.
 */

/** What an RFC 9470 challenge (`WWW-Authenticate: Bearer error="insufficient_user_authentication"`) asks for. */
export interface StepUpChallenge {
  acrValues?: string;
  maxAge?: number;
}

/** A refusal of the API (SPEC §7): the problem document's `code` (or `network`), its detail and any step-up challenge. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly challenge?: StepUpChallenge;
  /** The device IDs a refused campaign named that the realm does not know (SPEC §14's `"unknown":[…]`). */
  readonly unknown?: string[];

  constructor(status: number, code: string, detail: string, challenge?: StepUpChallenge, unknown?: string[]) {
    super(detail || code);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.challenge = challenge;
    this.unknown = unknown;
  }
}

export function parseChallenge(header: string | null): StepUpChallenge | undefined {
  if (!header || !/error="insufficient_user_authentication"/.test(header)) {
    return undefined;
  }
  const acr = /acr_values="([^"]*)"/.exec(header);
  const age = /max_age="?(\d+)"?/.exec(header);
  return { acrValues: acr?.[1], maxAge: age ? Number(age[1]) : undefined };
}

export interface Call {
  method: string;
  url: string;
  token: string | undefined;
  body?: unknown;
  accept?: string;
  signal?: AbortSignal;
}

/** Sends the call; answers the response when it succeeded, else throws its {@link ApiError}. */
export async function callApi(call: Call): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${call.token ?? ""}`, Accept: call.accept ?? "application/json" };
  if (call.body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: call.signal,
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") {
      throw error;
    }
    throw new ApiError(0, "network", "The Keycloak server could not be reached.");
  }
  if (!response.ok) {
    let code = "unknown";
    let detail = "";
    let unknown: string[] | undefined;
    try {
      const problem = await response.json();
      code = typeof problem.code === "string" ? problem.code : code;
      detail = typeof problem.detail === "string" ? problem.detail : "";
      unknown = Array.isArray(problem.unknown) ? problem.unknown.filter((u: unknown): u is string => typeof u === "string") : undefined;
    } catch {
      // not a problem document
    }
    throw new ApiError(response.status, code, detail, parseChallenge(response.headers.get("WWW-Authenticate")), unknown);
  }
  return response;
}

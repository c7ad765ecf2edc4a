import { accessToken, here } from "./auth";

/** A refusal of the API (SPEC §7): RFC 9457 problem document with its stable code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly challenge?: StepUpChallenge;

  constructor(status: number, code: string, detail: string, challenge?: StepUpChallenge) {
    super(detail || code);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.challenge = challenge;
  }
}

/** What an RFC 9470 challenge asks for. */
export interface StepUpChallenge {
  acrValues?: string;
  maxAge?: number;
}

export function parseChallenge(header: string | null): StepUpChallenge | undefined {
  if (!header || !/error="insufficient_user_authentication"/.test(header)) {
    return undefined;
  }
  const acr = /acr_values="([^"]*)"/.exec(header);
  const age = /max_age=("?)(\d+)\1/.exec(header);
  return { acrValues: acr ? acr[1] : undefined, maxAge: age ? Number(age[2]) : undefined };
}

/** Paths starting with `admin:` go to the realm's admin API (`/admin/realms/{realm}/bitlocker`). */
function url(path: string): string {
  return path.startsWith("admin:") ? here.adminUrl + path.slice("admin:".length) : here.apiUrl + path;
}

async function request(method: string, path: string, body?: unknown, accept = "application/json"): Promise<Response> {
  const token = await accessToken();
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: accept };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  let response: Response;
  try {
    response = await fetch(url(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
  } catch {
    throw new ApiError(0, "network", "The Keycloak server could not be reached.");
  }
  if (!response.ok) {
    let code = "unknown";
    let detail = "";
    try {
      const problem = await response.json();
      code = typeof problem.code === "string" ? problem.code : code;
      detail = typeof problem.detail === "string" ? problem.detail : "";
    } catch {
      // not a problem document
    }
    throw new ApiError(response.status, code, detail, parseChallenge(response.headers.get("WWW-Authenticate")));
  }
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request("GET", path)).json() as Promise<T>;
}

export async function send<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
  const response = await request(method, path, body);
  return response.status === 204 ? undefined : ((await response.json()) as T);
}

export async function getBlob(path: string, accept: string): Promise<Blob> {
  return (await request("GET", path, undefined, accept)).blob();
}

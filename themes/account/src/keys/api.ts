/** The extension's self-service API (SPEC §13) as the account console's page uses it. */

export type VolumeType = "OPERATING_SYSTEM" | "FIXED_DATA" | "REMOVABLE_DATA";

export interface DeviceKey {
  keyId: string;
  volumeType: VolumeType;
  createdAt: string;
  state: "ACTIVE" | "SUPERSEDED";
}

export interface Device {
  deviceId: string;
  deviceName: string;
  owner: { username?: string; email?: string } | null;
  escrowStatus: "ESCROWED" | "PENDING" | "FAILED" | "NOT_AVAILABLE";
  encryption?: string;
  lastCheckIn?: string;
  rotation: { status?: string } | null;
  keys: DeviceKey[];
}

export interface Revealed {
  deviceId: string;
  deviceName: string;
  keyId: string;
  volumeType: VolumeType;
  createdAt: string;
  recoveryPassword: string;
  auditId: string;
  /** Present when the release started a rotation of the key (rotation.afterReveal). */
  rotation?: { status?: string } | null;
}

/** What an RFC 9470 challenge (`WWW-Authenticate: Bearer error="insufficient_user_authentication"`) asks for. */
export interface StepUpChallenge {
  acrValues?: string;
  maxAge?: number;
}

/** A refusal of the API: the problem document's `code` (or `network`), its detail and any step-up challenge. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly challenge?: StepUpChallenge,
  ) {
    super(detail || code);
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

/** The part of the account console's keycloak-js instance the page needs. */
export interface TokenSource {
  token?: string;
  updateToken(minValidity: number): Promise<boolean>;
  login(options?: { redirectUri?: string; acrValues?: string; maxAge?: number }): Promise<void>;
}

export class KeysApi {
  constructor(
    private readonly baseUrl: string,
    private readonly keycloak: TokenSource,
  ) {}

  devices(signal?: AbortSignal): Promise<Device[]> {
    return this.call<Device[]>("GET", "/me/devices", undefined, signal);
  }

  reveal(deviceId: string, keyId: string): Promise<Revealed> {
    return this.call<Revealed>("POST", `/keys/${encodeURIComponent(deviceId)}/reveal`, { keyId });
  }

  /** The console's own access token (client account-console), refreshed when it is about to expire. */
  private async token(): Promise<string | undefined> {
    try {
      await this.keycloak.updateToken(5);
    } catch {
      await this.keycloak.login();
    }
    return this.keycloak.token;
  }

  private async call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await this.token()}`,
      Accept: "application/json",
    };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        cache: "no-store",
        credentials: "omit",
        referrerPolicy: "no-referrer",
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") {
        throw error;
      }
      throw new ApiError(0, "network", "");
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
    return (await response.json()) as T;
  }
}

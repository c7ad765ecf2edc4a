/** The extension's self-service API (SPEC §13) as the account console's page uses it. */
import { ApiError, callApi, parseChallenge, type StepUpChallenge } from "../../../shared/http";

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

export { ApiError, parseChallenge, type StepUpChallenge };

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
    const response = await callApi({ method, url: this.baseUrl + path, token: await this.token(), body, signal });
    return (await response.json()) as T;
  }
}

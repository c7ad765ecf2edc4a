/** The extension's self-service API (SPEC §13) as the account console's page uses it. */
import { ApiError, callApi } from "../../../shared/http";
import type { Device, Revealed } from "../../../shared/types";
import { joinPath } from "../environment";

export { ApiError };

/** The part of the account console's keycloak-js instance the page needs. */
export interface TokenSource {
  token?: string;
  updateToken(minValidity: number): Promise<boolean>;
  login(options?: { redirectUri?: string; acrValues?: string; maxAge?: number }): Promise<void>;
}

export class KeysApi {
  /** The API of the console's realm on the console's server. */
  static of(environment: { serverBaseUrl: string; realm: string }, keycloak: TokenSource): KeysApi {
    const base = joinPath(environment.serverBaseUrl, "realms", encodeURIComponent(environment.realm), "devices/security/bitlocker");
    return new KeysApi(base, keycloak);
  }

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

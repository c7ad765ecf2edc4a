import { ApiError, callApi, parseChallenge, type StepUpChallenge } from "../../shared/http";
import { accessToken, here } from "./auth";

export { ApiError, parseChallenge, type StepUpChallenge };

/** Paths starting with `admin:` go to the realm's admin API (`/admin/realms/{realm}/bitlocker`). */
function url(path: string): string {
  return path.startsWith("admin:") ? here.adminUrl + path.slice("admin:".length) : here.apiUrl + path;
}

async function request(method: string, path: string, body?: unknown, accept = "application/json"): Promise<Response> {
  return callApi({ method, url: url(path), token: await accessToken(), body, accept });
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

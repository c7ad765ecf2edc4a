import { ApiError, callApi } from "../../shared/http";
import type {
  AuditEntry,
  Campaign,
  CampaignDevice,
  CampaignDeviceState,
  Checkpoint,
  ConfigDocument,
  Device,
  EscrowStatusReport,
  Page,
  ReleaseRequest,
  Revealed,
  Verification,
} from "../../shared/types";
import { accessToken, here } from "./auth";

export { ApiError };

/**
 * The extension's API (SPEC §3) as named functions: pages call `api.devices.get(id)`,
 * `api.keys.reveal(id, body)` …, never build a URL. Every call carries a fresh access token and
 * answers the parsed body, or throws the refusal's {@link ApiError}.
 */

type Query = Record<string, string | number | null | undefined>;

function url(base: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && String(value).trim() !== "") {
      params.set(name, String(value).trim());
    }
  }
  const search = params.toString();
  return base + path + (search ? `?${search}` : "");
}

const id = encodeURIComponent;

async function call(method: string, target: string, body?: unknown, signal?: AbortSignal, accept?: string): Promise<Response> {
  return callApi({ method, url: target, token: await accessToken(), body, signal, accept });
}

async function json<T>(method: string, target: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await call(method, target, body, signal);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const bitlocker = (path: string, query?: Query) => url(here.apiUrl, path, query);
const admin = (path: string) => url(here.adminUrl, path);

export interface RevealBody {
  keyId?: string;
  ticket?: string;
  reason?: string;
  breakGlass?: boolean;
  requestId?: string;
  /** A device of an ACTIVE campaign: the campaign's ticket and approval stand in for the device's (SPEC §14). */
  campaignId?: string;
  keyPackage?: boolean;
}

/** A new campaign: the devices by ID, or every device whose name starts with `search`. */
export interface CampaignBody {
  ticket: string;
  reason: string;
  deviceIds?: string[];
  search?: string;
}

export interface CampaignDeviceQuery {
  state?: CampaignDeviceState;
  search?: string;
}

export interface RotateBody {
  ticket?: string;
}

/** The audit log's filters as the API takes them (`from`/`to` ISO-8601). */
export interface AuditQuery {
  deviceId?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  ticket?: string;
  from?: string;
  to?: string;
}

export const api = {
  devices: {
    find: (search: string, after: string | null, signal?: AbortSignal, max = 50) =>
      json<Page<Device>>("GET", bitlocker("/keys", { search, after, max }), undefined, signal),
    get: (deviceId: string, signal?: AbortSignal) => json<Device>("GET", bitlocker(`/keys/${id(deviceId)}`), undefined, signal),
  },
  keys: {
    reveal: (deviceId: string, body: RevealBody) => json<Revealed>("POST", bitlocker(`/keys/${id(deviceId)}/reveal`), body),
    rotate: (deviceId: string, body: RotateBody) => json<unknown>("POST", bitlocker(`/keys/${id(deviceId)}/rotate`), body),
    requestRelease: (deviceId: string, body: RevealBody) =>
      json<ReleaseRequest>("POST", bitlocker(`/keys/${id(deviceId)}/requests`), body),
  },
  requests: {
    list: (status: string, signal?: AbortSignal) =>
      json<Page<ReleaseRequest>>("GET", bitlocker("/requests", { status, max: 100 }), undefined, signal),
    get: (requestId: string, signal?: AbortSignal) =>
      json<ReleaseRequest>("GET", bitlocker(`/requests/${id(requestId)}`), undefined, signal),
    decide: (requestId: string, verb: "approve" | "reject", reason: string) =>
      json<unknown>("POST", bitlocker(`/requests/${id(requestId)}/${verb}`), reason ? { reason } : {}),
    withdraw: (requestId: string) => json<unknown>("DELETE", bitlocker(`/requests/${id(requestId)}`)),
  },
  campaigns: {
    list: (after: string | null, signal?: AbortSignal) =>
      json<Page<Campaign>>("GET", bitlocker("/campaigns", { after, max: 50 }), undefined, signal),
    get: (campaignId: string, signal?: AbortSignal) =>
      json<Campaign>("GET", bitlocker(`/campaigns/${id(campaignId)}`), undefined, signal),
    devices: (campaignId: string, query: CampaignDeviceQuery, after: string | null, signal?: AbortSignal) =>
      json<Page<CampaignDevice>>("GET", bitlocker(`/campaigns/${id(campaignId)}/devices`, { ...query, after, max: 50 }), undefined, signal),
    create: (body: CampaignBody) => json<Campaign>("POST", bitlocker("/campaigns"), body),
    decide: (campaignId: string, verb: "approve" | "reject", reason: string) =>
      json<Campaign | undefined>("POST", bitlocker(`/campaigns/${id(campaignId)}/${verb}`), reason ? { reason } : {}),
    close: (campaignId: string) => json<unknown>("DELETE", bitlocker(`/campaigns/${id(campaignId)}`)),
  },
  escrow: {
    status: (signal?: AbortSignal) => json<EscrowStatusReport>("GET", bitlocker("/escrow/status"), undefined, signal),
  },
  audit: {
    list: (query: AuditQuery, after: string | null) =>
      json<Page<AuditEntry>>("GET", bitlocker("/keys/audit", { ...query, after, max: 50 })),
    csv: async (query: AuditQuery) => (await call("GET", bitlocker("/keys/audit", { ...query }), undefined, undefined, "text/csv")).blob(),
    verify: (checkpoint: string) => json<Verification>("GET", bitlocker("/keys/audit/verify", { checkpoint })),
    checkpoint: () => json<Checkpoint>("GET", bitlocker("/keys/audit/checkpoint")),
  },
  config: {
    get: (signal?: AbortSignal) => json<ConfigDocument>("GET", admin("/config"), undefined, signal),
    put: (doc: ConfigDocument) => json<ConfigDocument>("PUT", admin("/config"), doc),
  },
};

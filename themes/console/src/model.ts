/** The API's shapes (SPEC §3), as the console uses them. */
export type EscrowStatus = "ESCROWED" | "PENDING" | "FAILED" | "NOT_AVAILABLE";

export interface Key {
  keyId: string;
  volumeType: "OPERATING_SYSTEM" | "FIXED_DATA" | "REMOVABLE_DATA";
  createdAt: string;
  state: "ACTIVE" | "SUPERSEDED";
}

export interface Rotation {
  rotationId: string;
  status: string;
  requestedAt?: string;
  completedAt?: string;
}

export interface Device {
  deviceId: string;
  deviceName: string;
  owner: { username?: string; email?: string } | null;
  escrowStatus: EscrowStatus;
  encryption?: string;
  lastCheckIn?: string;
  rotation: Rotation | null;
  keys: Key[];
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Ticket {
  system: string;
  key: string;
  url: string;
  status: string;
  type: string;
}

export interface Revealed {
  deviceId: string;
  deviceName: string;
  keyId: string;
  volumeType: Key["volumeType"];
  createdAt: string;
  recoveryPassword: string;
  auditId: string;
  ticket: Ticket | null;
  rotation: { rotationId: string; status: string } | null;
}

export const VOLUME_TYPES: Record<Key["volumeType"], string> = {
  OPERATING_SYSTEM: "Operating system drive",
  FIXED_DATA: "Fixed data drive",
  REMOVABLE_DATA: "Removable drive",
};

export const ESCROW_STATUSES: Record<EscrowStatus, string> = {
  ESCROWED: "Escrowed",
  PENDING: "Pending",
  FAILED: "Failed",
  NOT_AVAILABLE: "Not available",
};

export function formatTime(iso: string | undefined): string {
  if (!iso) {
    return "—";
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export type RequestStatus = "PENDING" | "APPROVED" | "REJECTED" | "USED" | "EXPIRED" | "WITHDRAWN";

export interface Person {
  userId: string;
  username: string;
}

export interface ReleaseRequest {
  requestId: string;
  deviceId: string;
  deviceName: string;
  keyId: string;
  requester: Person;
  ticket: Ticket | null;
  reason: string;
  breakGlass: boolean;
  status: RequestStatus;
  createdAt: string;
  expiresAt: string;
  decidedBy: Person | null;
  decidedAt?: string;
  decisionReason?: string;
}

export const REQUEST_STATUSES: Record<RequestStatus, string> = {
  PENDING: "Waiting for approval",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  USED: "Used",
  EXPIRED: "Expired",
  WITHDRAWN: "Withdrawn",
};

export interface SyncState {
  state: string;
  lastSuccessAt?: string | null;
  devices?: number;
  keys?: number;
  requests?: number;
  error?: string;
}

export interface EscrowStatusReport {
  counts: Record<EscrowStatus, number>;
  attention: Device[];
  sync: SyncState | null;
}

export interface AuditEntry {
  id: string;
  time: string;
  action: string;
  outcome: "SUCCESS" | "DENIED" | "ERROR";
  code?: string;
  actor: { userId?: string; username?: string } | null;
  clientId?: string;
  source: string;
  ipAddress?: string;
  deviceId?: string;
  deviceName?: string;
  keyId?: string;
  ticket: Ticket | null;
  reason?: string;
  approval: { requestId: string; approver: Person } | null;
}

export interface Verification {
  valid: boolean;
  entries: number;
  brokenAt: string | null;
  head: { id: string; hash: string } | null;
  checkpoint?: { valid: boolean; id: string };
}

export interface Checkpoint {
  checkpoint: string;
  id: string;
  seq: number;
  hash: string;
  entries: number;
}

export const AUDIT_ACTIONS = [
  "KEY_REVEALED",
  "KEY_REVEAL_DENIED",
  "ROTATION_REQUESTED",
  "ROTATION_COMPLETED",
  "ROTATION_FAILED",
  "KEY_ESCROWED",
  "KEY_PURGED",
  "TICKET_ANNOTATED",
  "TICKET_ANNOTATION_FAILED",
  "CONFIG_CHANGED",
  "AUDIT_EXPORTED",
  "BREAK_GLASS",
  "OWNER_CHANGED",
  "DEVICE_BINDING_REJECTED",
  "DEVICE_BINDING_RESET",
  "RELEASE_REQUESTED",
  "RELEASE_APPROVED",
  "RELEASE_REJECTED",
  "AUDIT_CHECKPOINT",
  "AUDIT_FORWARDING_FAILED",
  "CHECK_IN_LIMITED",
];

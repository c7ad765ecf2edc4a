/** The API's shapes (SPEC §3) as both pages use them: the helpdesk console and the account theme's page. */
export type EscrowStatus = "ESCROWED" | "PENDING" | "FAILED" | "NOT_AVAILABLE";
export type VolumeType = "OPERATING_SYSTEM" | "FIXED_DATA" | "REMOVABLE_DATA";

export interface Key {
  keyId: string;
  volumeType: VolumeType;
  createdAt: string;
  state: "ACTIVE" | "SUPERSEDED";
  /** Whether the key source holds a BitLocker key package for the key (`repair-bde -kp`). */
  hasKeyPackage: boolean;
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

/** A list the API pages with an opaque cursor. */
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

/** A released recovery password (`POST /keys/{deviceId}/reveal`). */
export interface Revealed {
  deviceId: string;
  deviceName: string;
  keyId: string;
  volumeType: VolumeType;
  createdAt: string;
  recoveryPassword: string;
  auditId: string;
  ticket?: Ticket | null;
  /** Present when the release started a rotation of the key (rotation.afterReveal). */
  rotation?: { rotationId?: string; status?: string } | null;
  /** The key package, base64, when the release asked for it (`"keyPackage": true`). */
  keyPackage?: string;
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

export type CampaignStatus = "PENDING" | "ACTIVE" | "REJECTED" | "CLOSED" | "EXPIRED";

/** A major incident's release of many devices under one ticket and one approval (SPEC §14). */
export interface Campaign {
  campaignId: string;
  ticket: Ticket;
  reason: string;
  status: CampaignStatus;
  requester: Person;
  decidedBy: Person | null;
  createdAt: string;
  expiresAt: string;
  /** How many devices it covers, how many of them had a key released, and how many of those are rotated since. */
  devices: number;
  revealed: number;
  rotated: number;
}

export type CampaignDeviceState = "WAITING" | "REVEALED" | "ROTATED";

export interface CampaignDevice {
  deviceId: string;
  deviceName: string;
  state: CampaignDeviceState;
  revealedAt?: string;
  rotatedAt?: string;
}

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

export type AuditOutcome = "SUCCESS" | "DENIED" | "ERROR";

export interface AuditEntry {
  id: string;
  time: string;
  action: string;
  outcome: AuditOutcome;
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

/** The realm's configuration document (SPEC §8). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type ConfigDocument = { [key: string]: Json };

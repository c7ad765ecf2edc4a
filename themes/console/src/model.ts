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

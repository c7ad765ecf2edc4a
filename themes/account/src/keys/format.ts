import type { Device, VolumeType } from "./api";

export const VOLUME_TYPES: Record<VolumeType, string> = {
  OPERATING_SYSTEM: "Operating-system drive",
  FIXED_DATA: "Fixed data drive",
  REMOVABLE_DATA: "Removable drive",
};

export const ESCROW_STATUS: Record<Device["escrowStatus"], string> = {
  ESCROWED: "Key escrowed",
  PENDING: "Escrow pending",
  FAILED: "Escrow failed",
  NOT_AVAILABLE: "No key escrowed",
};

export function formatTime(iso?: string): string {
  if (!iso) {
    return "—";
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The first group of a key ID, as BitLocker's recovery screen shows it. */
export function shortKeyId(keyId: string): string {
  return keyId.split("-")[0].toUpperCase();
}

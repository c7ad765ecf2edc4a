import type { CampaignDeviceState, CampaignStatus, EscrowStatus, RequestStatus, VolumeType } from "./types";

/** The message keys of the API's enumerations, for both pages. */
export const VOLUME_TYPE: Record<VolumeType, string> = {
  OPERATING_SYSTEM: "bitlockerVolumeOperatingSystem",
  FIXED_DATA: "bitlockerVolumeFixedData",
  REMOVABLE_DATA: "bitlockerVolumeRemovableData",
};

export const ESCROW_STATUS: Record<EscrowStatus, string> = {
  ESCROWED: "bitlockerEscrowEscrowed",
  PENDING: "bitlockerEscrowPending",
  FAILED: "bitlockerEscrowFailed",
  NOT_AVAILABLE: "bitlockerEscrowNotAvailable",
};

export const REQUEST_STATUS: Record<RequestStatus, string> = {
  PENDING: "bitlockerRequestPending",
  APPROVED: "bitlockerRequestApproved",
  REJECTED: "bitlockerRequestRejected",
  USED: "bitlockerRequestUsed",
  EXPIRED: "bitlockerRequestExpired",
  WITHDRAWN: "bitlockerRequestWithdrawn",
};

export const CAMPAIGN_STATUS: Record<CampaignStatus, string> = {
  PENDING: "bitlockerCampaignPending",
  ACTIVE: "bitlockerCampaignActive",
  REJECTED: "bitlockerCampaignRejected",
  CLOSED: "bitlockerCampaignClosed",
  EXPIRED: "bitlockerCampaignExpired",
};

export const CAMPAIGN_DEVICE_STATE: Record<CampaignDeviceState, string> = {
  WAITING: "bitlockerCampaignDeviceWaiting",
  REVEALED: "bitlockerCampaignDeviceRevealed",
  ROTATED: "bitlockerCampaignDeviceRotated",
};

/** The key of a value of one of the maps above, or undefined for a value this build does not know. */
export function labelKey<K extends string>(labels: Record<K, string>, value: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value as K] : undefined;
}

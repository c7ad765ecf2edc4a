package io.keygate.bitlocker.model;

/**
 * SPEC §14: where a device of a campaign stands. REVEALED: a key of it was released under the campaign;
 * ROTATED: the rotation that release asked for has completed (a new key is escrowed), so the device is safe again.
 */
public enum CampaignDeviceState {
    WAITING,
    REVEALED,
    ROTATED
}

package io.keygate.bitlocker.model;

public enum VolumeType {
    OPERATING_SYSTEM,
    FIXED_DATA,
    REMOVABLE_DATA,
    /** The source does not record the volume (Active Directory): its keys are told apart by {@code keyId} alone. */
    UNKNOWN
}

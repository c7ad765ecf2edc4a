package io.keygate.bitlocker.device;

public enum VolumeType {
    OPERATING_SYSTEM,
    FIXED_DATA,
    REMOVABLE_DATA
}

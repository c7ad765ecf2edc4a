package io.keygate.bitlocker.model;

public enum VolumeType {
    OPERATING_SYSTEM,
    FIXED_DATA,
    REMOVABLE_DATA
}

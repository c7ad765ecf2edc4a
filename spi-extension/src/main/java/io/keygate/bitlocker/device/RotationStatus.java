package io.keygate.bitlocker.device;

public enum RotationStatus {
    PENDING,
    COMPLETED,
    FAILED
}

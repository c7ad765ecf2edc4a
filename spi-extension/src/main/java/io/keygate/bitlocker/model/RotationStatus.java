package io.keygate.bitlocker.model;

public enum RotationStatus {
    PENDING,
    COMPLETED,
    FAILED
}

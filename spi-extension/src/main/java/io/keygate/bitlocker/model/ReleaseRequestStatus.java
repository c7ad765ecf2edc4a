package io.keygate.bitlocker.model;

/** SPEC §11: a release request's lifecycle, {@code PENDING → APPROVED → USED}, or closed otherwise. */
public enum ReleaseRequestStatus {
    PENDING,
    APPROVED,
    REJECTED,
    USED,
    EXPIRED,
    WITHDRAWN
}

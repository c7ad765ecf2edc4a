package io.keygate.bitlocker.model;

public enum AuditOutcome {
    SUCCESS,
    DENIED,
    ERROR
}

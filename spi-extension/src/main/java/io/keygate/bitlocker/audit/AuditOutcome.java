package io.keygate.bitlocker.audit;

public enum AuditOutcome {
    SUCCESS,
    DENIED,
    ERROR
}

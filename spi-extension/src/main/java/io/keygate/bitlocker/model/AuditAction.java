package io.keygate.bitlocker.model;

/** The audit actions of SPEC §5. */
public enum AuditAction {
    KEY_REVEALED,
    KEY_REVEAL_DENIED,
    ROTATION_REQUESTED,
    ROTATION_COMPLETED,
    ROTATION_FAILED,
    KEY_ESCROWED,
    KEY_PURGED,
    TICKET_ANNOTATED,
    TICKET_ANNOTATION_FAILED,
    CONFIG_CHANGED,
    AUDIT_EXPORTED,
    BREAK_GLASS
}

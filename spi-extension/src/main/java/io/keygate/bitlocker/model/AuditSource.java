package io.keygate.bitlocker.model;

/** Through which door an audited action came. */
public enum AuditSource {
    HELPDESK,
    SELF_SERVICE,
    API,
    AGENT,
    SYSTEM,
    ADMIN
}

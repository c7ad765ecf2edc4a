package io.keygate.bitlocker.audit;

import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditSource;

/** Who acts, from where and through which door: the part every audit entry of one request shares. */
public record AuditActor(String userId, String username, String clientId, String ipAddress, String userAgent,
        AuditSource source) {

    /** Background work of the extension itself. */
    public static AuditActor system() {
        return new AuditActor(null, null, null, null, null, AuditSource.SYSTEM);
    }

    public AuditActor withSource(AuditSource newSource) {
        return new AuditActor(userId, username, clientId, ipAddress, userAgent, newSource);
    }

    public AuditEvent event(AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(action, outcome, source).actor(userId, username).client(clientId, ipAddress, userAgent);
    }
}

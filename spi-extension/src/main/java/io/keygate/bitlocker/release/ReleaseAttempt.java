package io.keygate.bitlocker.release;

import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.representation.TicketRepresentation;

/**
 * What the release policy has learnt about a request so far: the facts a denial's audit entry
 * records (device, route, key, ticket, reason), whichever step refused it.
 */
public final class ReleaseAttempt {

    String deviceId;
    String deviceName;
    AuditSource source;
    String keyId;
    TicketRepresentation ticket;
    String reason;

    public String deviceId() {
        return deviceId;
    }

    public String deviceName() {
        return deviceName;
    }

    public AuditSource source() {
        return source;
    }

    public String keyId() {
        return keyId;
    }

    public TicketRepresentation ticket() {
        return ticket;
    }

    public String reason() {
        return reason;
    }
}

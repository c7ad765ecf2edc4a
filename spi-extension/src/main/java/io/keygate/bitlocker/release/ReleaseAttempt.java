package io.keygate.bitlocker.release;

import io.keygate.bitlocker.model.AuditSource;
import io.keygate.bitlocker.model.ReleaseRequest.TicketRef;
import io.keygate.bitlocker.ticketing.Ticket;

/**
 * What the release policy has learnt about a request so far: the facts a denial's audit entry
 * records (device, route, key, ticket, reason), whichever step refused it.
 */
public final class ReleaseAttempt {

    String deviceId;
    String deviceName;
    AuditSource source;
    String keyId;
    TicketRef ticket;
    String reason;
    boolean keyPackage;
    String campaignId;

    /** The ticket as asked for, before the ticketing system has answered (the audit entry's shape, see {@code AuditEvent}). */
    void ticketAsked(String system, String key) {
        ticket = new TicketRef(system, key, null, null, null, null);
    }

    void ticket(Ticket t) {
        ticket = TicketRef.of(t);
    }

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

    /** With its canonical identity once the ticketing system has answered. */
    public TicketRef ticket() {
        return ticket;
    }

    public String reason() {
        return reason;
    }

    /** The campaign the request named (a well-formed ID), else {@code null}. */
    public String campaignId() {
        return campaignId;
    }

    /** The request asked for the key package too. */
    public boolean keyPackage() {
        return keyPackage;
    }
}

package io.keygate.bitlocker.model;

/** The internal comment a release leaves on its ticket (SPEC §6). */
public interface TicketAnnotationModel extends OutboxItemModel {

    String getTicketSystem();

    String getTicketKey();

    long getReleasedAt();

    /** A campaign summary's facts as JSON (then {@link #getDeviceId} names the campaign); {@code null} for one release. */
    String getSummary();
}

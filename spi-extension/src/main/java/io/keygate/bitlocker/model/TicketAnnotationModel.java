package io.keygate.bitlocker.model;

/** The internal comment a release leaves on its ticket (SPEC §6). */
public interface TicketAnnotationModel extends OutboxItemModel {

    String getTicketSystem();

    String getTicketKey();

    long getReleasedAt();
}

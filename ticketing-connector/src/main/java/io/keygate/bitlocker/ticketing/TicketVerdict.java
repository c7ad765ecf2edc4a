package io.keygate.bitlocker.ticketing;

/** The outcome of checking a ticket against the release rules of SPEC §6. */
public enum TicketVerdict {
    ACCEPTED,
    TICKET_NOT_FOUND,
    TICKET_WRONG_TYPE,
    TICKET_NOT_OPEN,
    TICKET_DEVICE_MISMATCH
}

package io.keygate.bitlocker.justification;

import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.ticketing.Ticket;

/** SPEC §6: whether a ticket justifies releasing (or rotating) a device's key. */
public interface TicketCheck {

    /** The realm's ticketing system. */
    String system();

    /** 400 {@code invalid_ticket} unless the key has the system's format; no call is made. */
    void requireWellFormed(String ticketKey);

    /** The live ticket when it is an open incident naming the device, else the denial its verdict calls for. */
    Ticket verify(String ticketKey, DeviceModel device);

    /** A ticket-rule denial that still knows the ticket as fetched, for the audit entry. */
    class TicketDenied extends ProblemException {
        private final transient Ticket ticket;

        public TicketDenied(Problem problem, Ticket ticket) {
            super(problem);
            this.ticket = ticket;
        }

        public Ticket ticket() {
            return ticket;
        }
    }
}

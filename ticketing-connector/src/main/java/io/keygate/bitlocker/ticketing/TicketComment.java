package io.keygate.bitlocker.ticketing;

import java.util.function.UnaryOperator;

/**
 * An internal comment the extension leaves on a ticket: one release ({@link TicketAnnotation}) or a campaign's
 * summary ({@link CampaignSummary}). Never a key. Its ID appears in the text, so an interrupted delivery is
 * recognised on the ticket ({@link TicketingProvider#hasAnnotation}).
 */
public interface TicketComment {

    /** The comment text with the values people chose passed through {@code escape} (systems whose comments are markup). */
    String text(UnaryOperator<String> escape);

    /** The plain comment text, the same for every system. */
    default String text() {
        return text(UnaryOperator.identity());
    }
}

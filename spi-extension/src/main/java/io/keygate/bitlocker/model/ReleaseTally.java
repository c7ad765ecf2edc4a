package io.keygate.bitlocker.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the release limits read of the audit log (SPEC §3 steps 6–7, §11, §14), in one statement however many they
 * ask about: people's entries of the last hour (their releases, apart from campaigns or under them, their refused
 * requests, their requests for a second person) and tickets' released devices. Every figure is bounded as its ask
 * says, so a limit costs the same at ten entries as at ten thousand.
 *
 * @param counts  each asked count, by {@link Count}
 * @param devices each asked ticket's released devices, by {@link TicketIdentity}: the asked-about devices first when
 *                they are among them; a ticket with none has no entry
 */
public record ReleaseTally(Map<Count, Long> counts, Map<TicketIdentity, List<String>> devices) {

    /** A person's entries of one action; releases are counted apart from campaigns or under them, never both. */
    public record Count(String userId, AuditAction action, Boolean underCampaign) {

        /** The person's releases apart from campaigns, or under them: the two have limits of their own. */
        public static Count releases(String userId, boolean underCampaign) {
            return new Count(userId, AuditAction.KEY_REVEALED, underCampaign);
        }

        /** The person's entries of {@code action}, whatever their campaign. */
        public static Count of(String userId, AuditAction action) {
            return new Count(userId, action, null);
        }
    }

    /** A ticket on its canonical identity ({@code id}; entries written before identities were recorded count by key). */
    public record TicketIdentity(String system, String id, String key) {
    }

    /** A count, up to {@code atMost}. */
    public record CountAsk(Count count, int atMost) {
    }

    /** A ticket's released devices, up to {@code atMost} of them, those of {@code first} first when among them. */
    public record TicketAsk(TicketIdentity ticket, Set<String> first, int atMost) {
    }
}

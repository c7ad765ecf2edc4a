package io.keygate.bitlocker.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch of releases reads of the audit log before it decides on any of them (SPEC §3 step 7, §14), in one
 * statement: each person's releases of the last hour, apart from campaigns or under them, and each ticket's released
 * devices. Every figure is bounded as its ask says, so a limit costs the same at ten entries as at ten thousand.
 *
 * @param releases each person's releases, by {@link Person}
 * @param devices  each ticket's released devices, by {@link TicketIdentity}: the asked-about devices first when they
 *                 are among them
 */
public record ReleaseTally(Map<Person, Long> releases, Map<TicketIdentity, List<String>> devices) {

    /** A person's releases apart from campaigns, or under them: the two have limits of their own. */
    public record Person(String userId, boolean underCampaign) {
    }

    /** A ticket on its canonical identity ({@code id}; entries written before identities were recorded count by key). */
    public record TicketIdentity(String system, String id, String key) {
    }

    /** A person's releases of the hour, counted up to {@code atMost}. */
    public record PersonAsk(Person person, int atMost) {
    }

    /** A ticket's released devices, up to {@code atMost} of them, those of {@code first} first when among them. */
    public record TicketAsk(TicketIdentity ticket, Set<String> first, int atMost) {
    }
}

package io.keygate.bitlocker.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.ReleaseTally;
import io.keygate.bitlocker.model.ReleaseTally.Count;
import io.keygate.bitlocker.model.ReleaseTally.TicketIdentity;

/**
 * What the release limits count, read from the audit log in one statement ({@link AuditLog#tally}) for everything
 * the reader will ask: a request's checks before the lock ({@link #forCaller}), or a batch of releases under it
 * ({@link #forBatch}) — kept up to date there by the batch itself, each release it grants counted toward its person and
 * its ticket before the next is decided, so the batch decides as its releases would one after the other. Anything
 * not read is asked of the log, which sees the transaction's writes so far.
 */
final class TalliedCounts implements ReleaseLimits.Counts {

    /**
     * What one release of a batch will count: its person's releases (under campaigns or apart from them) up to
     * {@code releasesAtMost}, and — apart from campaigns, with a ticket — that ticket's devices up to
     * {@code devicesAtMost}, its own device first.
     */
    record Demand(String userId, boolean underCampaign, int releasesAtMost, TicketIdentity ticket, String deviceId,
            int devicesAtMost) {

        Count releases() {
            return Count.releases(userId, underCampaign);
        }
    }

    private final ReleaseTally read;
    private final Set<TicketIdentity> ticketsRead;
    private final ReleaseLimits.Counts log;
    private final Map<Count, Long> granted = new HashMap<>();
    private final List<Demand> grantedUnderTickets = new ArrayList<>();

    TalliedCounts(ReleaseTally read, Set<TicketIdentity> ticketsRead, ReleaseLimits.Counts log) {
        this.read = read;
        this.ticketsRead = ticketsRead;
        this.log = log;
    }

    /**
     * What a request's checks before the lock count, for the caller: refused requests (up to {@code denialsAtMost}),
     * releases apart from campaigns, and — where campaigns are on — releases under them, each up to its limit.
     */
    static TalliedCounts forCaller(AuditLog audit, String userId, int denialsAtMost, int releasesAtMost,
            Integer campaignReleasesAtMost, long now) {
        List<ReleaseTally.CountAsk> asks = new ArrayList<>(List.of(
                new ReleaseTally.CountAsk(Count.of(userId, AuditAction.KEY_REVEAL_DENIED), denialsAtMost),
                new ReleaseTally.CountAsk(Count.releases(userId, false), releasesAtMost)));
        if (campaignReleasesAtMost != null) {
            asks.add(new ReleaseTally.CountAsk(Count.releases(userId, true), campaignReleasesAtMost));
        }
        return new TalliedCounts(audit.tally(now - ReleaseLimits.HOUR_MILLIS, asks, List.of()), Set.of(),
                ReleaseLimits.logCounts(audit));
    }

    /** What a batch's releases count, as the realm's log has it now; {@code now} is the batch's start. */
    static TalliedCounts forBatch(AuditLog audit, List<Demand> demands, long now) {
        Map<Count, Integer> counts = new LinkedHashMap<>();
        Map<TicketIdentity, Set<String>> firsts = new LinkedHashMap<>();
        Map<TicketIdentity, Integer> bounds = new HashMap<>();
        for (Demand d : demands) {
            counts.merge(d.releases(), d.releasesAtMost(), Math::max);
            if (d.ticket() != null) {
                firsts.computeIfAbsent(d.ticket(), t -> new LinkedHashSet<>()).add(d.deviceId());
                bounds.merge(d.ticket(), d.devicesAtMost(), Math::max);
            }
        }
        // Enough of each ticket's devices to tell its limit reached, with every one the batch asks about first.
        List<ReleaseTally.TicketAsk> tickets = firsts.entrySet().stream().map(e -> new ReleaseTally.TicketAsk(e.getKey(),
                e.getValue(), bounds.get(e.getKey()) + e.getValue().size())).toList();
        ReleaseTally tally = audit.tally(now - ReleaseLimits.HOUR_MILLIS, counts.entrySet().stream()
                .map(e -> new ReleaseTally.CountAsk(e.getKey(), e.getValue())).toList(), tickets);
        return new TalliedCounts(tally, firsts.keySet(), ReleaseLimits.logCounts(audit));
    }

    /** A release of the batch was granted: it counts toward those decided after it. */
    void granted(Demand demand) {
        granted.merge(demand.releases(), 1L, Long::sum);
        if (demand.ticket() != null) {
            grantedUnderTickets.add(demand);
        }
    }

    @Override
    public long actionsBy(String userId, AuditAction action, long since, int atMost) {
        Long counted = read.counts().get(Count.of(userId, action));
        return counted != null ? counted : log.actionsBy(userId, action, since, atMost);
    }

    @Override
    public long releasesBy(String userId, boolean underCampaign, long since, int atMost) {
        Count count = Count.releases(userId, underCampaign);
        Long counted = read.counts().get(count);
        if (counted == null) {
            return log.releasesBy(userId, underCampaign, since, atMost);
        }
        return counted + granted.getOrDefault(count, 0L);
    }

    @Override
    public List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey, String deviceFirst,
            int atMost) {
        TicketIdentity ticket = new TicketIdentity(ticketSystem, ticketId, ticketKey);
        if (!ticketsRead.contains(ticket)) {
            return log.devicesReleasedUnder(ticketSystem, ticketId, ticketKey, deviceFirst, atMost);
        }
        Set<String> devices = new LinkedHashSet<>(read.devices().getOrDefault(ticket, List.of()));
        for (Demand d : grantedUnderTickets) {
            if (sameTicket(ticket, d.ticket())) {
                devices.add(d.deviceId());
            }
        }
        List<String> listed = new ArrayList<>(devices.size());
        if (devices.remove(deviceFirst)) {
            listed.add(deviceFirst);
        }
        listed.addAll(devices);
        return listed.size() > atMost ? listed.subList(0, atMost) : listed;
    }

    /**
     * Whether a release recorded under {@code recorded} counts toward {@code asked}, as the log matches them: on the
     * canonical identity, or — for a release recorded without one — on the key.
     */
    static boolean sameTicket(TicketIdentity asked, TicketIdentity recorded) {
        if (!Objects.equals(asked.system(), recorded.system())) {
            return false;
        }
        if (recorded.id() == null) {
            return Objects.equals(asked.key(), recorded.key());
        }
        return asked.id() != null && asked.id().equals(recorded.id());
    }
}
